package dev.idem.adapter.report;

import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.out.ReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the shape Jenkins, GitLab and the GitHub test reporters render: one {@code <testsuite>} per spec,
 * one {@code <testcase>} per case, a {@code <failure>} naming the failing evaluators, an {@code <error>} for cases
 * the provider never answered, and the model's output in {@code <system-out>}.
 */
public final class JunitReportWriter implements ReportWriter {

    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

    public JunitReportWriter() {
    }

    @Override
    public String format() {
        return "junit";
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
        return out -> render(result, out);
    }

    private void render(EvaluationResult result, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = factory.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            new Document(xml).write(result);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot produce JUnit XML: " + e.getMessage(), e);
        }
    }

    /** One rendering; holds the writer so the element helpers stay short. */
    private static final class Document {
        private final XMLStreamWriter xml;

        Document(XMLStreamWriter xml) {
            this.xml = xml;
        }

        void write(EvaluationResult result) throws XMLStreamException {
            EvaluationSummary summary = result.summary();
            String suite = clean(result.specName());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            newline(0);
            xml.writeStartElement("testsuites");
            attribute("name", suite);
            totals(summary);
            newline(1);
            xml.writeStartElement("testsuite");
            attribute("name", suite);
            totals(summary);
            attribute("skipped", Integer.toString(summary.skipped()));
            newline(2);
            properties(result);
            for (CaseResult c : result.cases()) {
                newline(2);
                testCase(suite, c);
            }
            newline(1);
            xml.writeEndElement();
            newline(0);
            xml.writeEndElement();
            newline(0);
            xml.writeEndDocument();
        }

        private void totals(EvaluationSummary summary) throws XMLStreamException {
            attribute("tests", Integer.toString(summary.total()));
            attribute("failures", Integer.toString(summary.failed()));
            attribute("errors", Integer.toString(summary.errors()));
            attribute("time", ReportText.seconds(summary.wallTime()));
        }

        private void properties(EvaluationResult result) throws XMLStreamException {
            xml.writeStartElement("properties");
            property("provider", result.provider());
            property("model", result.model());
            property("answerKind", result.answerKind());
            property("specSource", result.specSource());
            property("calls", Long.toString(result.summary().calls()));
            property("replays", Long.toString(result.summary().replays()));
            property("inputTokens", Long.toString(result.summary().tokens().inputTokens()));
            property("outputTokens", Long.toString(result.summary().tokens().outputTokens()));
            newline(2);
            xml.writeEndElement();
        }

        private void property(String name, String value) throws XMLStreamException {
            newline(3);
            xml.writeEmptyElement("property");
            attribute("name", name);
            attribute("value", value);
        }

        private void testCase(String suite, CaseResult result) throws XMLStreamException {
            xml.writeStartElement("testcase");
            attribute("classname", suite);
            attribute("name", result.label());
            attribute("time", ReportText.seconds(result.latency()));
            if (result.status() == CaseStatus.ERROR) {
                newline(3);
                xml.writeStartElement("error");
                String error = result.error().orElse("no reply from the provider");
                attribute("message", oneLine(error));
                attribute("type", "provider");
                text(error);
                xml.writeEndElement();
            } else if (result.status() == CaseStatus.FAILED) {
                newline(3);
                failure(result);
            } else if (result.status() == CaseStatus.SKIPPED) {
                newline(3);
                xml.writeEmptyElement("skipped");
                attribute("message", oneLine("not fully judged: " + ReportText.skipped(result).stream()
                        .map(o -> o.name() + ": " + o.verdict().details()).collect(Collectors.joining("; "))));
            }
            if (!result.output().isEmpty() || result.replayed()) {
                newline(3);
                xml.writeStartElement("system-out");
                text(result.replayed() ? "[replayed from the execution store]\n" + result.output() : result.output());
                xml.writeEndElement();
            }
            newline(2);
            xml.writeEndElement();
        }

        private void failure(CaseResult result) throws XMLStreamException {
            List<EvaluatorOutcome> failing = ReportText.failing(result);
            String message = failing.isEmpty() ? "evaluation failed"
                    : failing.stream().map(o -> o.name() + ": " + o.verdict().details())
                    .collect(Collectors.joining("; "));
            String type = failing.isEmpty() ? "evaluation"
                    : failing.stream().map(EvaluatorOutcome::kind).distinct().collect(Collectors.joining(","));
            xml.writeStartElement("failure");
            attribute("message", oneLine(message));
            attribute("type", type);
            text(result.evaluations().stream().map(ReportText::verdictLine).collect(Collectors.joining("\n")));
            xml.writeEndElement();
        }

        private void attribute(String name, String value) throws XMLStreamException {
            xml.writeAttribute(name, clean(value));
        }

        private void text(String value) throws XMLStreamException {
            xml.writeCharacters(clean(value));
        }

        private void newline(int depth) throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(depth));
        }

        private static String oneLine(String value) {
            return value.replaceAll("\\s*\\R\\s*", " ").strip();
        }

        /** Drops what XML 1.0 cannot carry at all (NUL and most C0 controls, lone surrogates, U+FFFE/U+FFFF). */
        static String clean(String value) {
            StringBuilder kept = new StringBuilder(value.length());
            value.codePoints().filter(Document::allowedInXml).forEach(kept::appendCodePoint);
            return kept.toString();
        }

        private static boolean allowedInXml(int c) {
            return c == 0x9 || c == 0xA || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
        }
    }
}
