package org.opencity.backend.accounts;

import io.helidon.dbclient.DbClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * CSRF tokens bound to a session family: a random nonce and an HMAC-SHA256 of the family id and
 * that nonce under a server key. A token is good only for the session it was issued to, so a
 * token another site obtained for its own session (or planted as a cookie) is refused. A fresh
 * nonce at every sign-in and refresh makes each token new while the family stays the same.
 * The key is made at first start and kept in the database, so that every node agrees.
 */
public final class CsrfTokens {

    private static final String KEY_NAME = "csrf-hmac";
    private static final int NONCE_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final byte[] key;

    CsrfTokens(byte[] key) {
        this.key = key.clone();
    }

    /** The key from the database, made there by whichever node starts first. */
    public static CsrfTokens load(DbClient db) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        db.execute().createInsert("INSERT INTO server_secret (name, value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING")
                .addParam("name", KEY_NAME).addParam("value", fresh).execute();
        byte[] key = db.execute().createGet("SELECT value FROM server_secret WHERE name = :name").addParam("name", KEY_NAME)
                .execute().map(r -> (byte[]) r.column("value").get()).orElseThrow();
        return new CsrfTokens(key);
    }

    /** A new token for this session family. */
    public String issue(UUID family) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return ENCODE.encodeToString(nonce) + "." + ENCODE.encodeToString(mac(family, nonce));
    }

    /** Whether the token was issued to this session family. */
    public boolean valid(String token, UUID family) {
        if (token == null || token.length() > 200) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            byte[] nonce = DECODE.decode(token.substring(0, dot));
            byte[] given = DECODE.decode(token.substring(dot + 1));
            return nonce.length == NONCE_BYTES && MessageDigest.isEqual(given, mac(family, nonce));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private byte[] mac(UUID family, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update("csrf:".getBytes(StandardCharsets.US_ASCII));
            mac.update(ByteBuffer.allocate(16).putLong(family.getMostSignificantBits()).putLong(family.getLeastSignificantBits()).array());
            return mac.doFinal(nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
