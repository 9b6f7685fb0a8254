package ua.gov.nsoz.itests.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for the tests: every node answers HTTPS only and its broker speaks mutual TLS (issue #5). The tests trust only
 * the certificates the nodes were really given: the launcher's demo CA ({@code <instances>/.link-tls/ca.pem}) or the
 * self-signed certificate {@link #selfSigned} makes for the Pax Exam nodes; nothing is "trust all".
 */
public final class Tls {

    /** The password of the stores made here (test-only). */
    public static final String PASSWORD = "itestStorePass1";

    private Tls() {
    }

    /** A node's key store and the trust store that trusts it. */
    public record Stores(Path keyStore, Path trustStore, Path certificate) {
    }

    /**
     * A self-signed key and certificate for localhost (made once per folder with the JDK's keytool), and a trust
     * store holding that certificate: the Pax Exam nodes' HTTPS and broker stores.
     */
    public static synchronized Stores selfSigned(Path dir) {
        Stores s = new Stores(dir.resolve("node.p12"), dir.resolve("truststore.p12"), dir.resolve("node.pem"));
        if (Files.isRegularFile(s.trustStore())) {
            return s;
        }
        try {
            Files.createDirectories(dir);
            keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=itest-node, OU=NSOZ", "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext",
                    "eku=serverAuth,clientAuth", "-validity", "30", "-keystore", s.keyStore().toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "node", "-keystore", s.keyStore().toString(), "-storepass",
                    PASSWORD, "-file", s.certificate().toString());
            keytool("-importcert", "-noprompt", "-alias", "node", "-file", s.certificate().toString(), "-keystore",
                    s.trustStore().toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make the test's TLS stores in " + dir, e);
        }
        return s;
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + String.join(" ", cmd) + "\n"
                        + new String(p.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * A client context that trusts the PEM certificates found at the paths given, read at each handshake (the
     * launcher makes its CA only when the first node starts).
     */
    public static SSLContext trusting(Supplier<List<Path>> pemFiles) {
        X509TrustManager lazy = new X509TrustManager() {
            private X509TrustManager current() throws CertificateException {
                try {
                    KeyStore ks = KeyStore.getInstance("PKCS12");
                    ks.load(null, null);
                    CertificateFactory cf = CertificateFactory.getInstance("X.509");
                    int n = 0;
                    for (Path pem : pemFiles.get()) {
                        if (Files.isRegularFile(pem)) {
                            try (InputStream in = Files.newInputStream(pem)) {
                                ks.setCertificateEntry("ca" + n++, cf.generateCertificate(in));
                            }
                        }
                    }
                    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(ks);
                    return (X509TrustManager) tmf.getTrustManagers()[0];
                } catch (IOException | GeneralSecurityException e) {
                    throw new CertificateException("Cannot load the trusted certificates " + pemFiles.get(), e);
                }
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                current().checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                current().checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {lazy}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
