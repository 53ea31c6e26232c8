package dev.idem.adapter.openai;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.UrlBuilder;
import reactor.core.publisher.Mono;

/**
 * Sends the configured {@code api-version}. The SDK knows only the versions of its own release; Azure adds
 * new ones, and users must be able to pick any of them without waiting for an SDK update.
 */
final class ApiVersionPolicy implements HttpPipelinePolicy {

    private final String apiVersion;

    ApiVersionPolicy(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        rewrite(context.getHttpRequest());
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        rewrite(context.getHttpRequest());
        return next.processSync();
    }

    private void rewrite(HttpRequest request) {
        request.setUrl(UrlBuilder.parse(request.getUrl()).setQueryParameter("api-version", apiVersion).toString());
    }
}
