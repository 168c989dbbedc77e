package dev.quorumchaos.report.html;

/** The report's only stylesheet, inline so the file opens from disk and prints with its colours. */
final class Styles {

    private Styles() {
    }

    static String css() {
        StringBuilder lanes = new StringBuilder();
        for (LaneState s : LaneState.values()) {
            lanes.append('.').append(s.cssClass()).append("{fill:").append(s.colour()).append("}\n");
        }
        return BASE + lanes;
    }

    private static final String BASE = """
            :root{--pass:#188038;--fail:#d93025;--unknown:#e37400;--skip:#80868b;--ink:#202124;--muted:#5f6368;--line:#dadce0}
            *{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",Arial,sans-serif;color:var(--ink);margin:0;background:#f4f5f7}
            main{max-width:1260px;margin:0 auto;padding:16px 20px 40px}
            h1{font-size:15px;font-weight:600;color:var(--muted);margin:0 0 8px;letter-spacing:.02em}
            h2{font-size:19px;margin:0;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
            h3{font-size:14px;margin:16px 0 6px;color:#3c4043;text-transform:uppercase;letter-spacing:.05em}
            a{color:#1a56c4}
            .muted{color:var(--muted)}
            .badge{display:inline-block;font-weight:700;padding:1px 8px;border-radius:4px;color:#fff;font-size:12px;letter-spacing:.05em;white-space:nowrap}
            .badge.fail{background:var(--fail)}.badge.pass{background:var(--pass)}.badge.unknown{background:var(--unknown)}.badge.skipped{background:var(--skip)}
            header.run{background:#fff;border:1px solid var(--line);border-left:12px solid var(--pass);border-radius:8px;padding:14px 20px;display:flex;gap:28px;align-items:center;flex-wrap:wrap}
            header.run.fail{border-left-color:var(--fail)}
            header.run .verdict{font-size:26px;font-weight:800;margin:0}
            header.run.fail .verdict{color:var(--fail)}
            header.run:not(.fail) .verdict{color:var(--pass)}
            .counts span{margin-right:14px;font-size:16px}.counts b{font-size:20px}
            .scorebox{text-align:center;min-width:120px;border-radius:8px;padding:6px 12px;color:#fff}
            .scorebox b{display:block;font-size:40px;line-height:1}.scorebox small{font-size:12px;opacity:.9}
            .sc-good{background:#188038}.sc-fair{background:#e37400}.sc-poor{background:#d93025}.sc-none{background:#80868b}
            .chip-score{font-size:13px;font-weight:700;border-radius:4px;padding:1px 7px;color:#fff;white-space:nowrap}
            .panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 18px;margin:14px 0}
            table{border-collapse:collapse;width:100%;font-size:13px}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceff1;vertical-align:top}
            th{color:var(--muted);font-weight:600;white-space:nowrap}
            td.num,th.num{text-align:right;white-space:nowrap}
            td.num .muted,td.num .bad{white-space:normal;display:inline-block;max-width:260px}
            td.when{min-width:140px}
            table.failed-list td:first-child{min-width:200px}
            tr.failed td:first-child{border-left:4px solid var(--fail)}
            .bad{color:var(--fail);font-weight:700}.fair{color:#a14d00;font-weight:700}.good{color:var(--pass)}
            section.scenario{background:#fff;border:1px solid var(--line);border-left:8px solid var(--pass);border-radius:8px;padding:14px 18px;margin:18px 0}
            section.scenario.failed{border-left-color:var(--fail)}
            section.scenario.skipped{border-left-color:var(--skip)}
            .meta{color:var(--muted);font-size:13px;margin:4px 0 8px}
            .why{background:#fce8e6;border:1px solid #f3b8b2;border-radius:6px;padding:8px 12px;margin:8px 0}
            .why code,.check code.err{white-space:pre-wrap;word-break:break-word;font-size:12.5px}
            .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:8px;margin:10px 0}
            .figure{border:1px solid var(--line);border-radius:6px;padding:6px 10px;background:#fff}
            .figure b{font-size:19px;display:block}.figure span{font-size:12px;color:var(--muted)}
            .figure.bad{border-color:#f3b8b2;background:#fce8e6}.figure.bad b{color:#b3261e}
            .figure.warn{border-color:#fbd38d;background:#fef7e0}.figure.warn b{color:#a14d00}
            figure.timeline{margin:10px 0 0;break-inside:avoid}
            svg.timeline{width:100%;height:auto;display:block;font:11px "DejaVu Sans",Arial,sans-serif}
            svg .tick{fill:#5f6368;text-anchor:middle;font-size:10px}
            svg .grid line{stroke:#e3e5e8}
            svg .lane-label{text-anchor:end;fill:#3c4043;font-size:11.5px}
            svg .note{fill:#80868b;font-style:italic}
            svg .fault rect{fill:#fde0c2;stroke:#e8710a;stroke-width:1}
            svg .fault.unrecovered rect{stroke-dasharray:4 2}
            svg .fault text{fill:#7a3b00;font-size:11px}
            svg .fault text,svg .mark text{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
            svg .fault-shade{fill:#e8710a;opacity:.10}
            svg .fault-target{fill:none;stroke:#e8710a;stroke-width:1.6}
            svg .q-yes{fill:#34a853}svg .q-no{fill:#d93025}svg .q-boot{fill:#dadce0}
            svg .q-text{fill:#fff;font-weight:700;text-anchor:middle}
            svg .q-text-boot{fill:#5f6368;text-anchor:middle}
            svg .boot-veil{fill:#fff;opacity:.55}
            svg .op-ok{fill:#34a853}svg .op-fail{fill:#d93025}svg .op-info{fill:#f9ab00}
            svg .baseline{stroke:#bdc1c6}
            svg .mark line{stroke-width:1.6}
            svg .mark text{font-weight:700;font-size:11px}
            svg .mark-lost line{stroke:#d93025;stroke-dasharray:4 3}svg .mark-lost text{fill:#b3261e}
            svg .mark-back line{stroke:#188038;stroke-dasharray:4 3}svg .mark-back text{fill:#137333}
            svg .mark-budget line{stroke:#c2185b;stroke-width:2.2}svg .mark-budget text{fill:#c2185b}
            svg .mark-lost-write line{stroke:#7b1fa2;stroke-width:2.2}svg .mark-lost-write text{fill:#7b1fa2}
            .legend{display:flex;flex-wrap:wrap;gap:2px 14px;font-size:12px;color:var(--muted);margin:6px 0 0}
            .legend i{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-2px;margin-right:4px}
            .legend i.line{height:0;border-top:2px dashed;border-radius:0;vertical-align:3px}
            .check{border:1px solid var(--line);border-left:5px solid var(--pass);border-radius:5px;padding:8px 12px;margin:8px 0;break-inside:avoid}
            .check.fail{border-left-color:var(--fail);background:#fff8f7}.check.unknown{border-left-color:var(--unknown);background:#fffaf2}
            .check .summary{font-weight:600}
            dl.evidence{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:6px 0 0;font-size:13px}
            dl.evidence dt{color:var(--muted)}dl.evidence dd{margin:0;min-width:0}
            dl.evidence table{width:auto}
            code.chip{background:#f1f3f4;border:1px solid #e3e5e8;border-radius:3px;padding:0 4px;margin:0 3px 3px 0;display:inline-block;font-size:12px}
            .check.fail code.chip{background:#fce8e6;border-color:#f3b8b2}
            .spark{display:flex;gap:18px;flex-wrap:wrap}.spark figure{margin:0}.spark figcaption{font-size:12px;color:var(--muted)}
            .formula{font:600 15px "DejaVu Sans Mono",monospace;background:#f1f3f4;border-radius:6px;padding:6px 10px;display:inline-block}
            footer{color:var(--muted);font-size:12px;margin-top:24px}
            @media print{
              body{background:#fff;font-size:10pt}
              main{max-width:none;padding:0}
              header.run,.panel,section.scenario{border-radius:0}
              table,.figures,.check,header.run,figure.timeline{break-inside:avoid}
              h2,h3{break-after:avoid}
              a{color:inherit;text-decoration:none}
            }
            @page{margin:12mm}
            """;
}
