package io.cascata.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** Sends a notification as a plain-text e-mail over SMTP (Jakarta Mail). */
final class MailSender {

    private final NotifySettings settings;

    MailSender(NotifySettings settings) {
        this.settings = settings;
    }

    void send(RunNotification notification) throws MessagingException {
        Properties props = new Properties();
        String timeout = String.valueOf(settings.timeout().toMillis());
        props.put("mail.smtp.host", settings.smtpHost().orElseThrow(
                () -> new MessagingException("[notify] mail-to is set but smtp-host is not")));
        props.put("mail.smtp.port", String.valueOf(settings.smtpPort()));
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        props.put("mail.smtp.auth", String.valueOf(settings.smtpUser().isPresent()));
        props.put("mail.smtp.starttls.enable", String.valueOf(settings.smtpStarttls()));
        props.put("mail.smtp.starttls.required", String.valueOf(settings.smtpStarttls()));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.mailFrom()));
        for (String to : settings.recipients()) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        message.setSubject(notification.subject(), StandardCharsets.UTF_8.name());
        message.setText(notification.text(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (settings.smtpUser().isPresent()) {
            Transport.send(message, settings.smtpUser().get(), settings.smtpPassword().orElse(""));
        } else {
            Transport.send(message);
        }
    }
}
