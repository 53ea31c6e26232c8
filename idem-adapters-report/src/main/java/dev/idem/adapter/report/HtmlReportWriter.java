package dev.idem.adapter.report;

import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.out.ReportWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One self-contained HTML page (inline CSS and script, no external resources) for a person to read: header,
 * summary cards, a filter bar and one collapsible block per case. Every piece of spec or model text is escaped,
 * because model output routinely contains markup.
 */
public final class HtmlReportWriter implements ReportWriter {

    private static final String STYLE = """
            :root{--bg:#f5f6f8;--panel:#fff;--text:#1f2328;--muted:#636c76;--border:#d8dee4;--soft:#f6f8fa;\
            --pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--err:#9a6700;--err-bg:#fff8c5;\
            --accent:#0969da;--accent-bg:#ddf4ff;color-scheme:light dark}
            @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--panel:#161b22;--text:#e6edf3;--muted:#8d96a0;\
            --border:#30363d;--soft:#0d1117;--pass:#3fb950;--pass-bg:rgba(46,160,67,.18);--fail:#f85149;\
            --fail-bg:rgba(248,81,73,.16);--err:#d29922;--err-bg:rgba(187,128,9,.18);--accent:#4493f8;\
            --accent-bg:rgba(56,139,253,.16)}}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--text);\
            font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            .wrap{max-width:1120px;margin:0 auto;padding:28px 24px 48px}
            .eyebrow{font-size:12px;font-weight:600;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
            h1{font-size:26px;line-height:1.25;margin:4px 0 6px}
            .desc{color:var(--muted);margin:0 0 14px;max-width:90ch}
            .meta{display:flex;flex-wrap:wrap;gap:8px 28px;margin:0;padding:12px 16px;background:var(--panel);\
            border:1px solid var(--border);border-radius:10px}
            .meta div{display:flex;gap:8px;align-items:baseline;min-width:0}
            .meta dt{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
            .meta dd{margin:0;font-weight:600;overflow-wrap:anywhere}
            .pill{display:inline-block;padding:0 9px;border-radius:999px;font-size:12px;font-weight:600;\
            line-height:22px;background:var(--accent-bg);color:var(--accent)}
            code,pre,.mono{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,monospace}
            .cards{display:grid;grid-template-columns:1.6fr 1.2fr 1fr 1fr 1.15fr;gap:12px;margin:16px 0 6px}
            .card{background:var(--panel);border:1px solid var(--border);border-radius:10px;padding:14px 16px}
            .card .k{font-size:11px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.06em}
            .card .v{font-size:24px;font-weight:700;line-height:1.3;font-variant-numeric:tabular-nums}
            .card .big{font-size:42px;line-height:1.1}
            .card .sub{color:var(--muted);font-size:12px}
            .bar{display:flex;height:8px;border-radius:4px;overflow:hidden;background:var(--border);margin:10px 0 6px}
            .bar span{display:block}
            .bar .p{background:var(--pass)}.bar .f{background:var(--fail)}.bar .e{background:var(--err)}
            .counts{display:flex;gap:16px;margin-top:2px}
            .counts div{display:flex;flex-direction:column}
            .n{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.3}
            .n.p{color:var(--pass)}.n.f{color:var(--fail)}.n.e{color:var(--err)}
            .toolbar{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:8px;align-items:center;\
            padding:12px 0;background:var(--bg)}
            .toolbar button{font:inherit;font-size:13px;padding:4px 12px;border:1px solid var(--border);\
            border-radius:6px;background:var(--panel);color:var(--text);cursor:pointer}
            .toolbar button:hover{border-color:var(--accent)}
            .toolbar button[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:#fff}
            .toolbar button .c{opacity:.7;margin-left:4px;font-variant-numeric:tabular-nums}
            .toolbar input{flex:1;min-width:180px;font:inherit;font-size:13px;padding:5px 10px;\
            border:1px solid var(--border);border-radius:6px;background:var(--panel);color:var(--text)}
            .toolbar .spacer{flex:0 0 4px}
            details.case{background:var(--panel);border:1px solid var(--border);border-left:4px solid var(--pass);\
            border-radius:8px;margin:0 0 8px}
            details.case.failed{border-left-color:var(--fail)}
            details.case.error{border-left-color:var(--err)}
            details.case>summary{display:flex;align-items:center;gap:10px;padding:10px 14px;cursor:pointer;\
            list-style:none}
            details.case>summary::-webkit-details-marker{display:none}
            details.case>summary::before{content:"\\25B8";color:var(--muted);transition:transform .15s}
            details.case[open]>summary::before{transform:rotate(90deg)}
            .badge{font-size:11px;font-weight:700;letter-spacing:.05em;padding:2px 8px;border-radius:4px;\
            min-width:52px;text-align:center}
            .badge.passed{background:var(--pass-bg);color:var(--pass)}
            .badge.failed{background:var(--fail-bg);color:var(--fail)}
            .badge.error{background:var(--err-bg);color:var(--err)}
            .num{color:var(--muted);font-variant-numeric:tabular-nums;min-width:24px}
            .label{font-weight:600;flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
            .facts{display:flex;gap:12px;align-items:center;color:var(--muted);font-size:12px;white-space:nowrap;\
            font-variant-numeric:tabular-nums}
            .facts .bad{color:var(--fail);font-weight:600}
            .tag{font-size:11px;font-weight:600;padding:1px 7px;border-radius:999px;background:var(--accent-bg);\
            color:var(--accent)}
            .body{padding:2px 18px 16px 18px;border-top:1px solid var(--border)}
            h3{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);\
            margin:14px 0 6px}
            pre{margin:0;padding:10px 12px;background:var(--soft);border:1px solid var(--border);border-radius:6px;\
            overflow:auto;max-height:420px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:12.5px;line-height:1.45}
            .none{color:var(--muted);font-style:italic}
            .errbox{padding:8px 12px;border-radius:6px;background:var(--err-bg);color:var(--text);\
            border:1px solid var(--err)}
            table{border-collapse:collapse;width:100%}
            td,th{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--border)}
            tr:last-child>td{border-bottom:0}
            table.vars td:first-child{width:1%;white-space:nowrap;color:var(--muted);font-size:12.5px}
            table.vars .val{white-space:pre-wrap;overflow-wrap:anywhere;max-height:9.5em;overflow:auto}
            table.verdicts td{font-size:13px}
            table.verdicts .icon{width:22px;font-weight:700;text-align:center}
            table.verdicts td.icon.ok{color:var(--pass)}table.verdicts td.icon.ko{color:var(--fail)}
            table.verdicts .name{font-weight:600;white-space:nowrap;width:1%}
            table.verdicts .kind{white-space:nowrap;width:1%}
            table.verdicts .kind code{font-size:11.5px;padding:1px 6px;border-radius:4px;background:var(--soft);\
            border:1px solid var(--border)}
            table.verdicts .score{width:1%;white-space:nowrap;font-variant-numeric:tabular-nums;color:var(--muted)}
            table.verdicts tr.ko td.details,table.verdicts tr.ko td.name{color:var(--fail)}
            details.prompt{margin-top:12px}
            details.prompt>summary{cursor:pointer;color:var(--muted);font-size:12px}
            .role{font-size:11px;font-weight:700;text-transform:uppercase;color:var(--muted);margin:8px 0 4px}
            #nomatch{color:var(--muted);padding:16px;text-align:center}
            footer{color:var(--muted);font-size:12px;margin-top:28px;text-align:center}
            @media (max-width:860px){.cards{grid-template-columns:1fr 1fr}.facts .opt{display:none}}
            """;

    private static final String SCRIPT = """
            (function () {
              var cases = Array.prototype.slice.call(document.querySelectorAll('details.case'));
              var buttons = Array.prototype.slice.call(document.querySelectorAll('button[data-filter]'));
              var search = document.getElementById('search');
              var none = document.getElementById('nomatch');
              var filter = 'all';
              function apply() {
                var query = search.value.trim().toLowerCase();
                var shown = 0;
                cases.forEach(function (c) {
                  var visible = (filter === 'all' || c.getAttribute('data-status') === filter)
                      && (query === '' || c.textContent.toLowerCase().indexOf(query) !== -1);
                  c.hidden = !visible;
                  if (visible) { shown++; }
                });
                none.hidden = shown !== 0;
              }
              buttons.forEach(function (b) {
                b.addEventListener('click', function () {
                  filter = b.getAttribute('data-filter');
                  buttons.forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
                  apply();
                });
              });
              search.addEventListener('input', apply);
              document.getElementById('expand').addEventListener('click', function () {
                var open = cases.some(function (c) { return !c.hidden && !c.open; });
                cases.forEach(function (c) { if (!c.hidden) { c.open = open; } });
              });
            })();
            """;

    public HtmlReportWriter() {
    }

    @Override
    public String format() {
        return "html";
    }

    @Override
    public void write(EvaluationResult result, Path target) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(target, "target");
        ReportFile.write(target, content(result));
    }

    @Override
    public void write(EvaluationResult result, OutputStream out) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(out, "out");
        ReportFile.write(out, content(result));
    }

    private ReportFile.Content content(EvaluationResult result) {
        byte[] page = render(result).getBytes(StandardCharsets.UTF_8);
        return out -> out.write(page);
    }

    private String render(EvaluationResult result) {
        EvaluationSummary summary = result.summary();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<meta name=\"generator\" content=\"idem\">\n")
                .append("<title>").append(escape(result.specName())).append(" \u00b7 ")
                .append(ReportText.percent(summary.passRate())).append(" passed \u00b7 idem</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<div class=\"wrap\">\n");
        header(html, result);
        cards(html, summary);
        toolbar(html, result.cases());
        html.append("<main id=\"cases\">\n");
        int index = 1;
        for (CaseResult c : result.cases()) {
            caseBlock(html, index++, c);
        }
        html.append("<p id=\"nomatch\" hidden>No case matches the filter.</p>\n</main>\n")
                .append("<footer>Generated by idem")
                .append(result.specSource().isEmpty() ? "" : " from " + escape(result.specSource()))
                .append(" \u00b7 ").append(summary.total()).append(summary.total() == 1 ? " case" : " cases")
                .append("</footer>\n</div>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, EvaluationResult result) {
        html.append("<header>\n<div class=\"eyebrow\">idem evaluation report</div>\n<h1>")
                .append(escape(result.specName())).append("</h1>\n");
        if (!result.description().isBlank()) {
            html.append("<p class=\"desc\">").append(escape(result.description())).append("</p>\n");
        }
        html.append("<dl class=\"meta\">\n");
        meta(html, "Provider", "<code>" + escape(result.provider()) + "</code>");
        meta(html, "Model", result.model().isEmpty() ? "<span class=\"none\">unspecified</span>"
                : "<code>" + escape(result.model()) + "</code>");
        meta(html, "Answer kind", result.answerKind().isEmpty() ? "<span class=\"none\">unspecified</span>"
                : "<span class=\"pill\">" + escape(result.answerKind()) + "</span>");
        meta(html, "Cases", Integer.toString(result.cases().size()));
        if (!result.specSource().isEmpty()) {
            meta(html, "Spec", "<code>" + escape(result.specSource()) + "</code>");
        }
        html.append("</dl>\n</header>\n");
    }

    private static void meta(StringBuilder html, String name, String valueHtml) {
        html.append("<div><dt>").append(name).append("</dt><dd>").append(valueHtml).append("</dd></div>\n");
    }

    private static void cards(StringBuilder html, EvaluationSummary summary) {
        html.append("<section class=\"cards\" aria-label=\"Summary\">\n");
        html.append("<div class=\"card\"><div class=\"k\">Pass rate</div><div class=\"v big\">")
                .append(ReportText.percent(summary.passRate())).append("</div><div class=\"bar\" role=\"img\" ")
                .append("aria-label=\"").append(summary.passed()).append(" passed, ").append(summary.failed())
                .append(" failed, ").append(summary.errors()).append(" errors\">")
                .append(segment("p", summary.passed(), summary.total()))
                .append(segment("f", summary.failed(), summary.total()))
                .append(segment("e", summary.errors(), summary.total()))
                .append("</div><div class=\"sub\">").append(summary.passed()).append(" of ").append(summary.total())
                .append(summary.total() == 1 ? " case" : " cases").append(" passed</div></div>\n");
        html.append("<div class=\"card\"><div class=\"k\">Results</div><div class=\"counts\">")
                .append("<div><span class=\"n p\">").append(summary.passed()).append("</span><span class=\"sub\">passed</span></div>")
                .append("<div><span class=\"n f\">").append(summary.failed()).append("</span><span class=\"sub\">failed</span></div>")
                .append("<div><span class=\"n e\">").append(summary.errors()).append("</span><span class=\"sub\">errors</span></div>")
                .append("</div></div>\n");
        html.append("<div class=\"card\"><div class=\"k\">Tokens</div><div class=\"v\">")
                .append(ReportText.count(summary.tokens().total())).append("</div><div class=\"sub\">")
                .append(ReportText.count(summary.tokens().inputTokens())).append(" in \u00b7 ")
                .append(ReportText.count(summary.tokens().outputTokens())).append(" out</div></div>\n");
        html.append("<div class=\"card\"><div class=\"k\">Wall time</div><div class=\"v\">")
                .append(ReportText.duration(summary.wallTime())).append("</div><div class=\"sub\">whole evaluation</div></div>\n");
        html.append("<div class=\"card\"><div class=\"k\">Model calls</div><div class=\"v\">").append(summary.calls())
                .append("</div><div class=\"sub\">").append(summary.replays())
                .append(" replayed from store</div></div>\n");
        html.append("</section>\n");
    }

    private static String segment(String css, int count, int total) {
        if (count == 0 || total == 0) {
            return "";
        }
        return "<span class=\"" + css + "\" style=\"width:"
                + String.format(Locale.ROOT, "%.2f", 100.0 * count / total) + "%\"></span>";
    }

    private static void toolbar(StringBuilder html, List<CaseResult> cases) {
        html.append("<nav class=\"toolbar\" aria-label=\"Filter cases\">\n");
        filterButton(html, "all", "All", cases.size(), true);
        filterButton(html, "failed", "Failed", countOf(cases, CaseStatus.FAILED), false);
        filterButton(html, "error", "Errors", countOf(cases, CaseStatus.ERROR), false);
        filterButton(html, "passed", "Passed", countOf(cases, CaseStatus.PASSED), false);
        html.append("<input id=\"search\" type=\"search\" placeholder=\"Search labels, variables, output, verdicts\u2026\" ")
                .append("aria-label=\"Search cases\">\n")
                .append("<button type=\"button\" id=\"expand\">Expand / collapse</button>\n</nav>\n");
    }

    private static void filterButton(StringBuilder html, String filter, String name, long count, boolean pressed) {
        html.append("<button type=\"button\" data-filter=\"").append(filter).append("\" aria-pressed=\"")
                .append(pressed).append("\">").append(name).append("<span class=\"c\">").append(count)
                .append("</span></button>\n");
    }

    private static long countOf(List<CaseResult> cases, CaseStatus status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }

    private static void caseBlock(StringBuilder html, int index, CaseResult c) {
        String status = c.status().name().toLowerCase(Locale.ROOT);
        html.append("<details class=\"case ").append(status).append("\" data-status=\"").append(status).append('"')
                .append(c.status() == CaseStatus.PASSED ? "" : " open").append(">\n<summary>")
                .append("<span class=\"badge ").append(status).append("\">").append(ReportText.status(c.status()))
                .append("</span><span class=\"num\">#").append(index).append("</span><span class=\"label\" title=\"")
                .append(escape(c.label())).append("\">").append(escape(c.label())).append("</span><span class=\"facts\">");
        List<EvaluatorOutcome> failing = ReportText.failing(c);
        if (!failing.isEmpty()) {
            html.append("<span class=\"bad\">").append(failing.size()).append(" of ").append(c.evaluations().size())
                    .append(" evaluators failed</span>");
        } else if (!c.evaluations().isEmpty()) {
            html.append("<span class=\"opt\">").append(c.evaluations().size())
                    .append(c.evaluations().size() == 1 ? " evaluator" : " evaluators").append("</span>");
        }
        if (c.replayed()) {
            html.append("<span class=\"tag\" title=\"served from the execution store, not paid for again\">")
                    .append("replayed</span>");
        } else {
            // An errored case has no successful attempt, so it has no latency worth showing.
            if (c.status() != CaseStatus.ERROR) {
                html.append("<span>").append(ReportText.duration(c.latency())).append("</span>");
            }
            html.append("<span class=\"opt\">").append(c.attempts())
                    .append(c.attempts() == 1 ? " attempt" : " attempts").append("</span>");
        }
        if (c.usage().total() > 0) {
            html.append("<span class=\"opt\">").append(ReportText.count(c.usage().total())).append(" tokens</span>");
        }
        html.append("</span></summary>\n<div class=\"body\">\n");
        c.error().ifPresent(error -> html.append("<h3>Error</h3>\n<div class=\"errbox\">").append(escape(error))
                .append("</div>\n"));
        variables(html, c);
        html.append("<h3>Output</h3>\n");
        if (c.output().isEmpty()) {
            html.append("<p class=\"none\">No output.</p>\n");
        } else {
            html.append("<pre>").append(escape(c.output())).append("</pre>\n");
        }
        verdicts(html, c.evaluations());
        prompt(html, c.renderedMessages());
        html.append("</div>\n</details>\n");
    }

    private static void variables(StringBuilder html, CaseResult c) {
        Map<String, String> values = c.testCase().templateValues();
        if (values.isEmpty()) {
            return;
        }
        html.append("<h3>Variables</h3>\n<table class=\"vars\">\n");
        values.forEach((name, value) -> html.append("<tr><td class=\"mono\">").append(escape(name))
                .append("</td><td><div class=\"val\">").append(escape(value)).append("</div></td></tr>\n"));
        html.append("</table>\n");
    }

    private static void verdicts(StringBuilder html, List<EvaluatorOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        html.append("<h3>Evaluators</h3>\n<table class=\"verdicts\">\n");
        for (EvaluatorOutcome outcome : outcomes) {
            boolean passed = outcome.verdict().passed();
            html.append("<tr class=\"").append(passed ? "ok" : "ko").append("\"><td class=\"icon ")
                    .append(passed ? "ok\" title=\"passed\">\u2713" : "ko\" title=\"failed\">\u2717")
                    .append("</td><td class=\"name\">").append(escape(outcome.name()))
                    .append("</td><td class=\"kind\"><code>").append(escape(outcome.kind()))
                    .append("</code></td><td class=\"score\">").append(ReportText.score(outcome.verdict().score()))
                    .append("</td><td class=\"details\">").append(escape(outcome.verdict().details()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void prompt(StringBuilder html, List<Map.Entry<String, String>> messages) {
        if (messages.isEmpty()) {
            return;
        }
        html.append("<details class=\"prompt\"><summary>Prompt sent (").append(messages.size())
                .append(messages.size() == 1 ? " message" : " messages").append(")</summary>\n");
        for (Map.Entry<String, String> message : messages) {
            html.append("<div class=\"role\">").append(escape(message.getKey())).append("</div><pre>")
                    .append(escape(message.getValue())).append("</pre>\n");
        }
        html.append("</details>\n");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                case '\u0000' -> escaped.append('\uFFFD');
                default -> escaped.append(ch);
            }
        }
        return escaped.toString();
    }
}
