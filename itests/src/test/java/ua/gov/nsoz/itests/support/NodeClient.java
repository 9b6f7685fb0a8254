package ua.gov.nsoz.itests.support;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The tests' HTTP client of the nodes: every node requires a user (issue #5), so a request without an
 * {@code Authorization} header goes as the test's default user; a request that sets its own header goes as that
 * user; a request marked {@link #ANONYMOUS} goes without credentials (the header is removed before it is sent).
 */
public final class NodeClient extends HttpClient {

    /** Mark a request with this header (any value) to send it without credentials. */
    public static final String ANONYMOUS = "X-Itest-Anonymous";

    private final HttpClient delegate;
    private volatile String defaultAuthorization;

    /**
     * @param delegate the real client
     * @param user the default user (null: none)
     * @param password their password
     */
    public NodeClient(HttpClient delegate, String user, String password) {
        this.delegate = delegate;
        login(user, password);
    }

    /** Sets the default user of requests without credentials. */
    public void login(String user, String password) {
        defaultAuthorization = user == null ? null : basic(user, password);
    }

    /** @return the Authorization header value of HTTP Basic for a user */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest withCredentials(HttpRequest request) {
        if (request.headers().firstValue(ANONYMOUS).isPresent()) {
            return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase(ANONYMOUS)).build();
        }
        if (request.headers().firstValue("Authorization").isPresent() || defaultAuthorization == null) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", defaultAuthorization)
                .build();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(withCredentials(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(withCredentials(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(withCredentials(request), handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
