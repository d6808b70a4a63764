package dev.berth.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;

/** Email over SMTP with Eclipse Angus Mail: STARTTLS required unless told otherwise, bounded times. */
final class EmailDelivery {
    private static final String TIMEOUT_MS = Long.toString(HttpDelivery.RESPONSE_TIMEOUT.toMillis());

    private EmailDelivery() {
    }

    static void send(Sink.Email s, Event e) throws DeliveryException {
        Properties p = new Properties();
        String protocol = s.security() == Sink.Email.Security.TLS ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", s.host());
        p.put("mail." + protocol + ".port", Integer.toString(s.port()));
        p.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".timeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".writetimeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".auth", Boolean.toString(s.user() != null));
        if (s.security() == Sink.Email.Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (s.security() != Sink.Email.Security.NONE) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        Session session = Session.getInstance(p);
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(s.from(), true));
            for (String to : s.to()) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            m.setSubject(EventText.title(e), "UTF-8");
            m.setText(EventText.body(e), "UTF-8");
            m.setSentDate(Date.from(e.time()));
            try (Transport t = session.getTransport(protocol)) {
                t.connect(s.host(), s.port(), s.user(), s.password());
                t.sendMessage(m, m.getAllRecipients());
            }
        } catch (MessagingException ex) {
            throw new DeliveryException("SMTP: " + ex.getMessage(), true, ex);
        }
    }
}
