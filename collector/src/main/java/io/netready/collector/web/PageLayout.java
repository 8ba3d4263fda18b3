package io.netready.collector.web;

/** The frame every dashboard page shares: head, style sheet, header bar. */
final class PageLayout {

    private PageLayout() {
    }

    /** A complete page; {@code title} is text, {@code body} is HTML already escaped. */
    static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · netready</title>
                <style>%s</style>
                </head>
                <body>
                <header class="bar"><a class="brand" href="/">netready</a><span class="tag">VoIP network readiness</span>\
                <nav><a href="/">Sites</a><a href="/metrics">Metrics</a></nav></header>
                <main>
                %s
                </main>
                </body>
                </html>
                """.formatted(Html.esc(title), STYLE, body);
    }

    /** The grade as a coloured badge. */
    static String gradeBadge(String grade) {
        return "<span class=\"grade grade-" + Html.esc(grade) + "\" title=\"grade " + Html.esc(grade) + "\">"
                + Html.esc(grade) + "</span>";
    }

    static String readyPill(boolean ready) {
        return ready ? "<span class=\"pill ok\">ready</span>" : "<span class=\"pill bad\">not ready</span>";
    }

    private static final String STYLE = """
            :root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--card:#fff;--accent:#2f6fde}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
            color:var(--ink);background:var(--bg)}
            a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
            .bar{display:flex;align-items:center;gap:16px;padding:12px 28px;background:#102a43;color:#d9e2ec}
            .bar .brand{color:#fff;font-weight:700;font-size:17px;letter-spacing:.3px}
            .bar .tag{color:#9fb3c8;font-size:13px}.bar nav{margin-left:auto;display:flex;gap:18px}
            .bar nav a{color:#d9e2ec}
            main{max-width:1220px;margin:0 auto;padding:24px 28px 48px}
            h1{font-size:24px;margin:0 0 4px;display:flex;align-items:center;gap:12px;word-break:break-all}
            h2{font-size:16px;margin:28px 0 10px;color:#334e68;text-transform:uppercase;letter-spacing:.6px}
            .sub{color:var(--muted);margin:0 0 8px}
            .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 18px}
            table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);\
            border-radius:8px;overflow:hidden}
            th,td{padding:9px 12px;text-align:left;border-bottom:1px solid var(--line);vertical-align:middle}
            th{background:#f0f4f8;font-size:12px;text-transform:uppercase;letter-spacing:.5px;color:#486581}
            th a{color:inherit}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            tr:last-child td{border-bottom:none}tbody tr:hover{background:#f8fafc}
            .mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
            .grade{display:inline-block;min-width:30px;padding:3px 0;border-radius:6px;text-align:center;\
            font-weight:700;color:#fff}
            h1 .grade{min-width:44px;font-size:22px;padding:4px 0}
            .grade-A{background:#1f9d55}.grade-B{background:#6cb33f}.grade-C{background:#e3a008}
            .grade-D{background:#e8590c}.grade-F{background:#d64545}.grade-GRADE_UNSPECIFIED{background:#9aa5b1}
            .pill{display:inline-block;padding:2px 10px;border-radius:999px;font-size:12px;font-weight:600}
            .pill.ok{background:#e3f9e5;color:#207227}.pill.bad{background:#ffe3e3;color:#a61b1b}
            .sev{display:inline-block;padding:1px 8px;border-radius:4px;font-size:11px;font-weight:700;\
            letter-spacing:.4px}
            .sev-FAIL{background:#ffe3e3;color:#a61b1b}.sev-WARN{background:#fff3c4;color:#8d5b00}
            .sev-INFO{background:#e6f0ff;color:#1e4ea8}
            form.filters{display:flex;gap:10px;align-items:center;margin:0 0 14px;flex-wrap:wrap}
            form.filters input,form.filters select{padding:6px 8px;border:1px solid #cbd2d9;border-radius:6px;\
            font:inherit;background:#fff}
            form.filters button{padding:6px 14px;border:0;border-radius:6px;background:var(--accent);color:#fff;\
            font:inherit;cursor:pointer}
            .finding{margin:0 0 12px;border-left:4px solid #9aa5b1}
            .finding.FAIL{border-left-color:#d64545}.finding.WARN{border-left-color:#e3a008}
            .finding.INFO{border-left-color:#2f6fde}
            .finding h3{margin:0 0 6px;font-size:15px;display:flex;gap:10px;align-items:center}
            .finding .code{color:var(--muted);font-weight:400}
            .finding dl{display:grid;grid-template-columns:90px 1fr;gap:4px 12px;margin:0}
            .finding dt{color:var(--muted)}.finding dd{margin:0}
            .charts{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px}
            .charts .card{padding:8px}
            svg.chart{width:100%;height:auto;display:block;font-size:11px}
            .chart-title{font-size:13px;font-weight:600;fill:var(--ink)}.chart-unit{font-weight:400;fill:var(--muted)}
            .chart-empty{fill:var(--muted)}.tick{fill:var(--muted)}.axis{stroke:#9aa5b1}.grid{stroke:#eef1f4}
            .series polyline{fill:none;stroke-width:1.8;stroke-linejoin:round}
            .legend line{stroke-width:3}.legend text{fill:var(--muted)}
            .s1 polyline,.s1 line{stroke:#2f6fde}.s1 circle{fill:#2f6fde}
            .s2 polyline,.s2 line{stroke:#e8590c}.s2 circle{fill:#e8590c}
            .limit{stroke-dasharray:5 4;stroke-width:1}.limit.good{stroke:#1f9d55}.limit.warn{stroke:#d64545}
            .facts{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px}
            .facts dl{display:grid;grid-template-columns:170px 1fr;gap:6px 12px;margin:0}
            .facts dt{color:var(--muted)}.facts dd{margin:0}
            .facts ul{margin:8px 0 0;padding-left:18px;color:var(--muted);font-size:13px}
            .empty{color:var(--muted);padding:24px;text-align:center}
            .note{font-size:12.5px;margin-top:8px}
            """;
}
