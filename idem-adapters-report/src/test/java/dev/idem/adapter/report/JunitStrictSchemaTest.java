package dev.idem.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.port.in.EvaluationResult;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;

/**
 * The JUnit report validates against the strict Ant schema ({@code junit-strict.xsd}, written from the format's
 * rules): what tools that check reports strictly (and Ant's junitreport) accept, for every kind of run.
 */
class JunitStrictSchemaTest {

    private static final Schema STRICT = schema();

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("passing", SampleEvaluation.passing()),
                Arguments.of("failing", SampleEvaluation.failing()),
                Arguments.of("erroring, stopped", SampleEvaluation.erroring()),
                Arguments.of("mixed, replayed, hostile output", SampleEvaluation.flagship()),
                Arguments.of("skipped evaluators", SkippedEvaluatorsReportTest.result()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void should_validate_against_the_strict_ant_schema(String run, EvaluationResult result) {
        // when
        String xml = junit(result);

        // then (before: testsuites@name is not allowed, timestamp and hostname were missing, a case had its own
        // system-out)
        assertThatCode(() -> validate(xml)).as(xml).doesNotThrowAnyException();
    }

    @Test
    void should_be_a_schema_that_refuses_what_the_strict_format_forbids() {
        // given a report as idem wrote it before: totals on <testsuites>, no timestamp or hostname
        String old = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="s" tests="1" failures="0" errors="0" time="0.1">
                  <testsuite name="s" tests="1" failures="0" errors="0" time="0.1" skipped="0">
                    <properties/>
                    <testcase classname="s" name="case 1" time="0.1"><system-out>hi</system-out></testcase>
                  </testsuite>
                </testsuites>
                """;

        // when / then
        assertThatThrownBy(() -> validate(old)).isInstanceOf(SAXException.class);
    }

    @Test
    void should_write_the_timestamp_in_utc_without_a_zone_and_name_the_host() {
        // when
        String xml = junit(SampleEvaluation.flagship());

        // then
        assertThat(xml).contains("timestamp=\"2026-11-30T17:29:08\"").containsPattern("hostname=\"[^\"]+\"");
    }

    private static String junit(EvaluationResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JunitReportWriter().write(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void validate(String xml) throws Exception {
        STRICT.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    private static Schema schema() {
        try {
            URL xsd = JunitStrictSchemaTest.class.getResource("/junit-strict.xsd");
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("junit-strict.xsd is not a schema", e);
        }
    }
}
