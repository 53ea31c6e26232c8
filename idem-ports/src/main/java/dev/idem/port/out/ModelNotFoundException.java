package dev.idem.port.out;

import java.util.List;

/** The provider has no such model or deployment (HTTP 404). Never retried. */
public final class ModelNotFoundException extends ModelGatewayException {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final List<String> available;

    public ModelNotFoundException(String provider, String model, List<String> available, String message,
                                  Throwable cause) {
        super(provider, message, cause);
        this.model = model;
        this.available = List.copyOf(available);
    }

    /** The model that was asked for. */
    public String model() {
        return model;
    }

    /** Models the provider says it has, when it could tell; may be empty. */
    public List<String> available() {
        return available;
    }

    @Override
    public boolean retryable() {
        return false;
    }

    /** {@inheritDoc} Always: no request can reach a model the provider does not have. */
    @Override
    public boolean sameForEveryRequest() {
        return true;
    }

    /** {@inheritDoc} The message names the provider, the model and the ones it has. */
    @Override
    public String summary() {
        return getMessage();
    }
}
