// Running Lighthouse (npm lighthouse 12) on Debian's Chromium, for the
// test of its audits and the benchmark of its performance score.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

export function startLighthouseChrome() {
  return chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Lighthouse's report (`lhr`) on `url`, its mobile preset, for `categories`. */
export async function runLighthouse(chrome, url, categories) {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
  return result.lhr;
}
