package dev.idem.adapter.yaml;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.Reader;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * A {@link YAMLFactory} whose parsers also report the anchor of a scalar value ({@code key: &a text}):
 * Jackson's parser exposes anchors of mappings and lists only, which would make every alias of a scalar
 * look undefined.
 */
final class AnchorAwareYamlFactory extends YAMLFactory {

    private static final long serialVersionUID = 1L;

    AnchorAwareYamlFactory(YAMLFactoryBuilder builder) {
        super(builder);
    }

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) {
        return new Parser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
    }

    /** A YAML parser that can tell the anchor of the scalar it just read. */
    static final class Parser extends YAMLParser {

        Parser(IOContext context, int parserFeatures, int yamlFeatures, org.yaml.snakeyaml.LoaderOptions options,
               com.fasterxml.jackson.core.ObjectCodec codec, Reader reader) {
            super(context, parserFeatures, yamlFeatures, options, codec, reader);
        }

        /** The anchor of the current token: of a mapping, a list or a scalar value; null when it has none. */
        String anchor() {
            if (_currentAnchor != null) {
                return _currentAnchor;
            }
            Event last = _lastTagEvent;
            return last instanceof ScalarEvent scalar ? scalar.getAnchor() : null;
        }
    }
}
