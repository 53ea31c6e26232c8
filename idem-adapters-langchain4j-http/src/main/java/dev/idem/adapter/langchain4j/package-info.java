/**
 * HTTP plumbing shared by the langchain4j-based model adapters ({@code openai}, {@code ollama}): a langchain4j
 * {@link dev.langchain4j.http.client.HttpClient} on {@code java.net.http} that keeps the headers of a failed
 * reply, reads no more than a limit of any body and throws an error object sent with a 2xx as the failure it is, the reader of the wait a server asks for, the classification of failures their translators share
 * ({@link dev.idem.adapter.langchain4j.FailureClassifier}, with the cause-chain helpers of
 * {@link dev.idem.adapter.langchain4j.Causes}) and the conversion of a reply's token usage and finish reason
 * ({@link dev.idem.adapter.langchain4j.Replies}). Only those two adapters may depend on this package; the
 * architecture tests hold them to it.
 */
package dev.idem.adapter.langchain4j;
