package dev.idem.cli;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import java.util.List;

/**
 * A provider, registered for the CLI's tests only, whose model throws the JVM error its model name asks for
 * ({@code out-of-memory}, {@code stack-overflow}): the errors a real reply can cause (a huge body, a deeply
 * recursive parse), thrown where they would be, inside the model call.
 */
public final class ThrowingGatewayProvider implements ModelGatewayProvider {

    static final String ID = "throwing";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "test only: throws the JVM error its model names";
    }

    @Override
    public List<Setting> settings() {
        return List.of();
    }

    @Override
    public ModelGateway create(GatewaySettings settings) {
        return new ModelGateway() {
            @Override
            public String providerId() {
                return ID;
            }

            @Override
            public Completion complete(ModelRequest request) {
                switch (request.model()) {
                    case "out-of-memory":
                        throw new OutOfMemoryError("Java heap space");
                    case "stack-overflow":
                        throw new StackOverflowError();
                    default:
                        return new Completion("fine", request.model(), null, null, "stop");
                }
            }
        };
    }
}
