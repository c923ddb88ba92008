/** The report's stylesheet (inline, covered by the page's Content-Security-Policy hash). */
export const PAGE_STYLE = `
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7fb;--card:#fff;--accent:#4f46e5;--ok:#059669;--warn:#d97706;--bad:#dc2626;--info:#2563eb}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header{background:linear-gradient(120deg,#312e81,#4f46e5 60%,#6366f1);color:#fff;padding:28px 40px 24px}
header h1{margin:0 0 4px;font-size:24px;font-weight:650;letter-spacing:.2px}
header .route{opacity:.9;font-size:13px;word-break:break-all}
header .route code{background:rgba(255,255,255,.14);padding:1px 6px;border-radius:4px;color:#fff}
.status{display:inline-block;margin-top:12px;padding:5px 12px;border-radius:999px;font-weight:600;font-size:13px;background:#fff}
.status.clean{color:var(--ok)}.status.rejects,.status.differences{color:var(--warn)}.status.error{color:var(--bad)}
main{padding:24px 40px 48px;max-width:1400px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:14px;margin-bottom:24px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.6px}
.card .value{font-size:26px;font-weight:650;margin-top:2px;font-variant-numeric:tabular-nums}
.card.ok .value{color:var(--ok)}.card.warn .value{color:var(--warn)}.card.bad .value{color:var(--bad)}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 20px;margin-bottom:20px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
section h2{margin:0 0 4px;font-size:17px}
section p.hint{margin:0 0 12px;color:var(--muted);font-size:13px}
.grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:20px}
@media (max-width:1000px){.grid2{grid-template-columns:1fr}}
.chart{position:relative;height:280px;margin-bottom:12px}
.chart.tall{height:420px}
table{width:100%;border-collapse:collapse;font-size:13px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.4px;background:#fafafa}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:hover{background:#f9fafb}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:break-word}
td{overflow-wrap:break-word;max-width:520px}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.4px}
.badge.info{background:#dbeafe;color:#1e40af}.badge.warning{background:#fef3c7;color:#92400e}.badge.blocking{background:#fee2e2;color:#991b1b}
.badge.transform{background:#ede9fe;color:#5b21b6}.badge.validator{background:#e0f2fe;color:#075985}
details{margin-top:4px}
summary{cursor:pointer;color:var(--accent);font-size:12px}
.samples{margin:6px 0 0;padding:0;list-style:none;max-height:260px;overflow:auto;border-left:3px solid var(--line)}
.samples li{padding:3px 10px;font-size:12px}
.samples li .detail{color:var(--muted)}
.empty{color:var(--muted);font-style:italic}
.filter{margin:0 0 10px;padding:6px 10px;border:1px solid var(--line);border-radius:6px;width:320px;font:inherit}
.error-box{background:#fef2f2;border:1px solid #fecaca;color:#991b1b;padding:12px 16px;border-radius:8px;margin-bottom:20px}
footer{color:var(--muted);font-size:12px;padding:0 40px 32px}
`;
