/** The page's stylesheet: a dense, readable developer tool, usable down to a laptop's width. */
export const style = `
*{box-sizing:border-box}
body{margin:0;font:13px/1.4 system-ui,sans-serif;color:#1d2330;background:#f4f6fa}
header{display:flex;gap:12px;align-items:center;padding:8px 16px;background:#1d2330;color:#fff}
header h1{font-size:16px;margin:0 auto 0 0}
#status{padding:2px 8px;border-radius:10px;background:#666}
#status[data-state=open]{background:#1f8a4c}
#status[data-state=closed]{background:#b3261e}
button{font:inherit;padding:4px 10px;border:1px solid #8894a8;border-radius:4px;background:#fff;cursor:pointer}
#record[aria-pressed=true]{background:#b3261e;color:#fff;border-color:#b3261e}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:12px;padding:12px}
section{background:#fff;border:1px solid #d5dbe5;border-radius:6px;padding:8px 12px;min-width:0}
#log-section,#export-section{grid-column:1/-1}
h2{font-size:14px;margin:4px 0 8px}
table{width:100%;border-collapse:collapse;table-layout:fixed}
th,td{text-align:left;padding:3px 6px;border-bottom:1px solid #eef1f5;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;vertical-align:top}
th{color:#5b6577;font-weight:600}
#connections tr.selected{background:#e3edff}
#connections tbody tr{cursor:pointer}
#log td.data{white-space:pre-wrap;word-break:break-all;font-family:ui-monospace,monospace}
#log{font-size:12px}
#log tr>:nth-child(1){width:90px}#log tr>:nth-child(2){width:60px}#log tr>:nth-child(3){width:70px}#log tr>:nth-child(4){width:90px}#log tr>:nth-child(5){width:80px}
#log tr.in td:nth-child(2){color:#0b57d0}#log tr.out td:nth-child(2){color:#1f8a4c}#log tr.inject td:nth-child(2){color:#a05a00}#log tr.error td:nth-child(2){color:#b3261e}
#log-section tbody{display:block;max-height:320px;overflow:auto}#log thead,#log tbody tr{display:table;width:100%;table-layout:fixed}
#topics{margin:0;padding-left:18px}
#topics .members{color:#5b6577}
label{display:block;margin:6px 0}
#fields label span{display:inline-block;min-width:80px;color:#5b6577}
input,select,textarea{font:inherit;padding:3px 6px;border:1px solid #b7c0cf;border-radius:4px;max-width:100%}
textarea{width:100%;font-family:ui-monospace,monospace;font-size:12px}
#result[data-ok=false]{color:#b3261e}#result[data-ok=true]{color:#1f8a4c}
#filters{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:6px}
@media (max-width:800px){main{grid-template-columns:1fr}}
`
