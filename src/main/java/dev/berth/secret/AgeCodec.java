package dev.berth.secret;

import dev.berth.failure.FailureKind;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/** age encryption (binary format, X25519 recipients) of small values, in memory only. */
public final class AgeCodec {

    private AgeCodec() {
    }

    public static byte[] encrypt(byte[] plaintext, List<String> recipients) throws SecretException {
        if (recipients.isEmpty()) {
            throw new SecretException(FailureKind.INVALID_INPUT, "no recipient: give --recipient age1... (the host's is printed by 'berth secret recipient')");
        }
        List<RecipientStanzaWriter> writers = new ArrayList<>();
        for (String r : recipients) {
            try {
                writers.add(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(r.strip()));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new SecretException(FailureKind.INVALID_INPUT, "'" + r + "' is not an age X25519 recipient (age1...): copy it from"
                        + " 'berth secret recipient' on the host", e);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WritableByteChannel channel = new StandardEncryptingChannelFactory()
                .newEncryptingChannel(Channels.newChannel(out), writers)) {
            ByteBuffer buffer = ByteBuffer.wrap(plaintext);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new SecretException("cannot encrypt: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Decrypts with the host's identity; the exception says why, never what. */
    public static byte[] decrypt(byte[] ciphertext, AgeIdentity identity) throws SecretException {
        try (ReadableByteChannel channel = new StandardDecryptingChannelFactory().newDecryptingChannel(
                Channels.newChannel(new ByteArrayInputStream(ciphertext)),
                List.of(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(identity.secretKey())));
             InputStream in = Channels.newInputStream(channel)) {
            return in.readAllBytes();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new SecretException(describe(e), e);
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m;
    }
}
