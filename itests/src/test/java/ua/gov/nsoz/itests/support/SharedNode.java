package ua.gov.nsoz.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one regional node (lviv) shared by all of them: booting Karaf costs seconds, so
 * it boots once per test run and stops when the run ends (JUnit's root store closes it). Tests that
 * share it use unique data. Use with {@code @ExtendWith(SharedNode.class)} and a {@link KarafNode}
 * parameter.
 */
public final class SharedNode implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KarafNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("nsoz.shared.node", key -> new Closeable(boot()), Closeable.class).node;
    }

    private static KarafNode boot() {
        try {
            Path base = Path.of(System.getProperty("nsoz.itest.dir", "target/exam")).toAbsolutePath();
            Files.createDirectories(base);
            return KarafNode.boot("lviv", Files.createTempDirectory(base, "shared-node-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the node when JUnit closes the root store at the end of the run. */
    private record Closeable(KarafNode node) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            node.stop();
        }
    }
}
