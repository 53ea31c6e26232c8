package dev.idem.adapter.report;

import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.out.ReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the shape Jenkins, GitLab and the GitHub test reporters render, valid against the strict Ant schema
 * as well as Jenkins': one {@code <testsuite>} per spec (with its start as {@code timestamp}, the {@code hostname},
 * and idem's version, the provider and the model that answered among its properties), one {@code <testcase>} per
 * case, a {@code <failure>} naming the failing evaluators, an {@code <error>} for cases the provider never answered
 * (each with the reply, if any), and every reply in the suite's {@code <system-out>}.
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

    /**
     * The host the report is written on, as Ant's schema asks ({@code localhost} when it cannot be told): the kernel's
     * name where Linux shows it, which needs no name lookup; else the JDK's.
     */
    static String hostname() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            String name = InetAddress.getLocalHost().getHostName();
            return name.isBlank() ? "localhost" : name;
        } catch (IOException | SecurityException e) {
            return "localhost";
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
            // The strict Ant schema allows no attribute on <testsuites>, and wants package and id on each suite in it
            xml.writeStartElement("testsuites");
            newline(1);
            xml.writeStartElement("testsuite");
            attribute("name", suite);
            attribute("package", suite);
            attribute("id", "0");
            // Ant's timestamp is local time without a zone; UTC is the one reading that no reader gets wrong
            attribute("timestamp", LocalDateTime.ofInstant(result.startedAt(), ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
            attribute("hostname", hostname());
            attribute("tests", Integer.toString(summary.total()));
            attribute("failures", Integer.toString(summary.failed()));
            attribute("errors", Integer.toString(summary.errors()));
            attribute("skipped", Integer.toString(summary.skipped()));
            attribute("time", ReportText.seconds(summary.wallTime()));
            newline(2);
            properties(result);
            for (CaseResult c : result.cases()) {
                newline(2);
                testCase(suite, c);
            }
            // a case has no <system-out> of its own in the strict schema: the replies are the suite's output
            newline(2);
            xml.writeStartElement("system-out");
            text(replies(result.cases()));
            xml.writeEndElement();
            newline(2);
            xml.writeStartElement("system-err");
            text(result.stopped().map(stop -> "stopped early: " + stop.message() + " (" + stop.notRun()
                    + " cases not run)\n").orElse(""));
            xml.writeEndElement();
            newline(1);
            xml.writeEndElement();
            newline(0);
            xml.writeEndElement();
            newline(0);
            xml.writeEndDocument();
        }

        private void properties(EvaluationResult result) throws XMLStreamException {
            xml.writeStartElement("properties");
            property("provider", result.provider());
            property("model", result.model());
            property("answeredBy", result.answeringModel());
            property("answerKind", result.answerKind());
            property("specSource", result.specSource());
            property("idemVersion", result.idemVersion());
            property("startedAt", ReportText.instant(result.startedAt()));
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
                text(error + reply(result));
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
            newline(2);
            xml.writeEndElement();
        }

        /** Every case's reply, each under a line naming it. */
        private static String replies(List<CaseResult> cases) {
            StringBuilder out = new StringBuilder();
            for (CaseResult c : cases) {
                out.append("--- ").append(c.label()).append(" (").append(ReportText.status(c.status())).append(")")
                        .append(c.replayed() ? " [replayed from the execution store]" : "").append(" ---\n")
                        .append(c.output().isEmpty() ? "(no reply)" : c.output());
                if (!c.output().endsWith("\n")) {
                    out.append('\n');
                }
            }
            return out.toString();
        }

        /** The reply after the verdicts of a case that did not pass, where a reader of the failure looks. */
        private static String reply(CaseResult result) {
            return result.output().isEmpty() ? "" : "\n\n--- reply" + (result.replayed()
                    ? " (replayed from the execution store)" : "") + " ---\n" + result.output();
        }

        private void failure(CaseResult result) throws XMLStreamException {
            List<EvaluatorOutcome> failing = ReportText.failing(result);
            String message = failing.isEmpty() ? "evaluation failed"
                    : failing.stream().map(o -> o.name() + ": " + ReportText.firstLine(o.verdict().details()))
                    .collect(Collectors.joining("; "));
            String type = failing.isEmpty() ? "evaluation"
                    : failing.stream().map(EvaluatorOutcome::kind).distinct().collect(Collectors.joining(","));
            xml.writeStartElement("failure");
            attribute("message", oneLine(message));
            attribute("type", type);
            text(result.evaluations().stream().map(ReportText::verdictLine).collect(Collectors.joining("\n"))
                    + reply(result));
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
