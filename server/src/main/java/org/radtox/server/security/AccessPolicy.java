package org.radtox.server.security;

import java.util.Locale;
import java.util.Set;

/**
 * Which SMART scopes allow what: {@code system/Observation.read} (v1) or {@code system/Observation.rs}
 * (v2) to read and search a type, {@code system/DocumentReference.write} or {@code .cud} to write it;
 * {@code *} stands for any type. RadTox serves backend systems (EHR interfaces, analytics), so only
 * {@code system/} scopes are honoured.
 */
public final class AccessPolicy {

    public enum Access { READ, WRITE }

    private AccessPolicy() {
    }

    public static boolean allows(Set<String> scopes, String resourceType, Access access) {
        for (String scope : scopes) {
            if (!scope.startsWith("system/")) {
                continue;
            }
            String rest = scope.substring("system/".length());
            int dot = rest.lastIndexOf('.');
            if (dot < 0) {
                continue;
            }
            String type = rest.substring(0, dot);
            String permission = rest.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (!type.equals("*") && !type.equals(resourceType)) {
                continue;
            }
            if (permission.equals("*")) {
                return true;
            }
            boolean read = permission.equals("read") || permission.contains("r") && permission.matches("[cruds]+");
            boolean write = permission.equals("write") || permission.matches("[cruds]+") && permission.matches(".*[cud].*");
            if (access == Access.READ ? read : write) {
                return true;
            }
        }
        return false;
    }
}
