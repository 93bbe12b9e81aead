// Writes bench/results/votes-load.{json,md} from bench/votes-load.sh's runs.
//   node bench/votes-load-report.mjs <rows.jsonl> <kill-sqlite.json> <kill-postgresql.json> <three instances' mismatches> <results dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [rowsFile, killSqlite, killPostgres, threeMismatches, resultsDir] = process.argv.slice(2);
const rows = readFileSync(rowsFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const kills = [killSqlite, killPostgres].map((file) => JSON.parse(readFileSync(file, 'utf8')));
const measured = new Date().toISOString().slice(0, 10);
writeFileSync(
  join(resultsDir, 'votes-load.json'),
  `${JSON.stringify({ measured, runs: rows, killHalfway: kills, threeInstancesMismatchedPairs: Number(threeMismatches) }, null, 2)}\n`,
);

const cell = (row) => {
  if (!row) return '–';
  const rate = row.offeredPerSecond ? '' : `${row.changesPerSecond.toLocaleString('en')}/s, `;
  const refused = row.refused ? `, ${row.refused} refused` : '';
  const cpu = row.collectorCores === undefined ? '' : ` (collector ${row.collectorCores} cores, machine ${row.machineBusyPercent}% busy)`;
  return `${rate}p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms${refused}${cpu}`;
};
const find = (collector, database, name) => rows.find((r) => r.collector === collector && r.database === database && r.case === name);
const cases = [...new Set(rows.filter((r) => !r.case.startsWith('three')).map((r) => r.case))];
const lines = [
  `Vote collector under load, measured ${measured} on this 2-core machine with the load generator on it (crates/votes/examples/votes_load.rs: keep-alive HTTP/1.1, one change at a time per connection; at an offered rate each latency counts from when its change was due). 100 tools (4,950 pairs), random changes (45% a, 45% b, 10% withdrawals) by up to 1,000,000 voters. "Before" is the collector before counts per pair and group commit (one commit per change, a count of the pair's rows per answer).`,
  '',
  '| case | SQLite before | SQLite after | PostgreSQL before | PostgreSQL after |',
  '|---|---|---|---|---|',
  ...cases.map((name) => `| ${name} | ${['sqlite', 'postgresql'].flatMap((d) => [cell(find('before', d, name)), cell(find('after', d, name))]).join(' | ')} |`),
  '',
  'Three instances started together on one fresh PostgreSQL database, the load spread over them:',
  '',
  '| case | result |',
  '|---|---|',
  ...rows.filter((r) => r.case.startsWith('three')).map((r) => `| ${r.case.replace('three instances: ', '')} | ${cell(r)} |`),
  `| pairs whose kept counts differ from a recount of the votes | ${threeMismatches} |`,
  '',
  `Kill -9 halfway (bench/votes-load.mjs, its own Node load generator: ${kills[0].voters} voters, ${kills[0].changes} changes): right after the restart every pair without a change in flight is compared with what was acknowledged; then unanswered changes are sent again, as the widget does, and every tally is compared with what the sequence gives.`,
  '',
  '| database | changes/s | p99 | unanswered during the kill | pairs checked after the kill: lost | final tallies not as expected |',
  '|---|---|---|---|---|---|',
  ...kills.map((r) => `| ${r.database} | ${r.changesPerSecond} | ${r.p99Ms} ms | ${r.unansweredDuringKill} | ${r.pairsCheckedAfterKill}: ${r.pairsLostAfterKill} | ${r.tallyMismatches} of ${r.pairs} |`),
];
writeFileSync(join(resultsDir, 'votes-load.md'), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
