package ua.gov.nsoz.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Response;

/** Refuses request bodies over {@link #MAX_BODY} bytes with 413, whether or not a length is declared. */
@PreMatching
final class RequestLimits implements ContainerRequestFilter {

    /** The largest request body accepted: an appeal's text is at most 32,000 characters. */
    static final int MAX_BODY = 256 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (isUpload(request)) {
            // The file uploads (issue 15): up to the document store's maxBytes, which DocumentsResource checks.
            return;
        }
        if (request.getLength() > MAX_BODY) {
            throw tooLarge();
        }
        request.setEntityStream(new Bounded(request.getEntityStream()));
    }

    /** @return whether it is a POST of a file ({@code /documents}, {@code /public/documents}) */
    static boolean isUpload(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        // a PBX's recording too (CtiResource applies the document store's own limit to it)
        return path.equals("documents") || path.equals("public/documents")
                || path.matches("cti/calls/[^/]+/recording");
    }

    static WebApplicationException tooLarge() {
        return new WebApplicationException("Тіло запиту завелике / Request body larger than " + MAX_BODY + " bytes",
                Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    /** Counts bytes as they are read and fails past the limit. */
    private static final class Bounded extends FilterInputStream {
        private long count;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > MAX_BODY) {
                throw tooLarge();
            }
        }
    }
}
