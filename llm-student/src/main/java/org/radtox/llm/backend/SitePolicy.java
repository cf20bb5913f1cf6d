package org.radtox.llm.backend;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * PHI never leaves the site: notes go only to a model server on this machine or on a private network
 * address, or to one the operator declares on-site ({@code on-site=true}, e.g. a hospital's own vLLM host
 * by name). A public endpoint such as a cloud API is refused before any note is sent. No DNS lookup is made:
 * a host name other than localhost needs the declaration.
 */
public final class SitePolicy {

    private SitePolicy() {
    }

    public static void requireOnSite(String baseUrl, boolean declaredOnSite) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model server base URL '" + baseUrl + "' is not a URL", e);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("model server base URL '" + baseUrl + "' must be http(s)://host[:port]/...");
        }
        if (declaredOnSite || isLocal(uri.getHost())) {
            return;
        }
        throw new IllegalArgumentException("model server " + uri.getHost() + " is not on this machine or a private network: "
                + "clinical notes (PHI) may not be sent there. If that server runs inside the site, declare it with on-site=true "
                + "(--on-site).");
    }

    static boolean isLocal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name: never resolved here
        }
        try {
            InetAddress a = InetAddress.getByName(h); // an address literal: parsed, not looked up
            return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                    || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc); // IPv6 unique local
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
