package dev.idem.cli;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.port.out.AuthenticationFailedException;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import java.util.List;

/**
 * A provider, registered for the CLI's tests only, whose server refuses every key: its credentials are in a secret
 * setting of its own name, which no code of the CLI knows.
 */
public final class LockedGatewayProvider implements ModelGatewayProvider {

    static final String ID = "locked";
    static final String KEY = "LOCKED_VAULT_TOKEN";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "test only: refuses every key";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.optional("LOCKED_BASE_URL", "http://locked.invalid"), new Setting(KEY, false, true, ""));
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
                throw new AuthenticationFailedException(ID, "401 the token is not valid", null);
            }
        };
    }
}
