//! The reference collector of the widget's community votes: protocol v1
//! (the README's "Votes across readers") over SQLite or PostgreSQL.

pub mod catalog_tools;
pub mod cli;
pub mod group_commit;
pub mod protocol;
pub mod rate_limit;
pub mod schema;
pub mod server;
pub mod store;

use std::sync::Arc;

use tokio::net::TcpListener;

use crate::catalog_tools::CatalogTools;
use crate::cli::ServeOptions;
use crate::rate_limit::RateLimit;
use crate::server::{router, App};
use crate::store::Store;

/// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
pub async fn serve(options: ServeOptions) -> Result<(), String> {
    let tools = CatalogTools::open(&options.catalog)?;
    let store = Store::open(&options.database).await?;
    let listener =
        TcpListener::bind(options.listen).await.map_err(|err| format!("cannot listen on {}: {err}", options.listen))?;
    let address = listener.local_addr().map_err(|err| err.to_string())?;
    if options.allow_origins.is_empty() {
        eprintln!("tool-compare-votes: no --allow-origin: only requests without an Origin (not from a browser page) are taken");
    }
    let app = Arc::new(App {
        store,
        tools,
        allow_origins: options.allow_origins,
        rate_limit: RateLimit::new(options.rate_limit),
        client_address_header: options.client_address_header,
    });
    // The tests and scripts read this line for the port.
    println!("tool-compare-votes: listening on http://{address}/ ({} tools)", app.tools.tool_count());
    let service = router(app.clone()).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service).with_graceful_shutdown(stopped()).await.map_err(|err| err.to_string())?;
    let progress = app.store.progress();
    eprintln!("tool-compare-votes: stopped after {} vote changes in {} groups", progress.changes, progress.groups);
    app.store.close().await;
    Ok(())
}

async fn stopped() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a process can always listen for SIGTERM");
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
