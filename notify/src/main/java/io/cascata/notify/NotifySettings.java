package io.cascata.notify;

import io.cascata.core.settings.Setting;
import io.cascata.core.settings.SettingsSection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who hears about a run's end ({@code [notify]}): a webhook and e-mail recipients, on failure
 * and, when asked, on success too. Config only: an address belongs to the deployment, not to
 * one command line. Secrets can come from the environment ({@code smtp-password=${SMTP_PASSWORD}}).
 *
 * @param onSuccess whether a run that succeeded is notified too (a failed one always is)
 * @param webhook a URL that receives the run as a JSON POST
 * @param mailTo e-mail recipients, separated by commas
 * @param mailFrom the sender address
 * @param smtpHost the SMTP server; required for e-mail
 * @param smtpPort its port
 * @param smtpUser the user to log in as, if the server wants a login
 * @param smtpPassword that user's password
 * @param smtpStarttls whether to switch the connection to TLS (STARTTLS) before sending
 * @param timeout how long one delivery may take (connect, read, write)
 */
@SettingsSection(value = "notify", commandLine = false)
public record NotifySettings(
        @Setting("also notify when a run succeeds (a failed run always notifies)") boolean onSuccess,
        @Setting(value = "URL that receives each notification as a JSON POST", label = "URL") Optional<String> webhook,
        @Setting(value = "e-mail recipients, separated by commas", label = "ADDRESSES") Optional<String> mailTo,
        @Setting(value = "the e-mail sender address", defaultValue = "cascata@localhost", label = "ADDRESS") String mailFrom,
        @Setting(value = "the SMTP server that sends e-mail", label = "HOST") Optional<String> smtpHost,
        @Setting(value = "the SMTP server's port", defaultValue = "25", min = 1) int smtpPort,
        @Setting(value = "the SMTP login, when the server asks for one", label = "USER") Optional<String> smtpUser,
        @Setting(value = "the SMTP password, e.g. ${SMTP_PASSWORD}", label = "PASSWORD") Optional<String> smtpPassword,
        @Setting("switch the SMTP connection to TLS (STARTTLS) before sending") boolean smtpStarttls,
        @Setting(value = "how long one delivery may take", defaultValue = "10s") Duration timeout) {

    /** The e-mail recipients, trimmed; none when mail-to is absent. */
    public List<String> recipients() {
        return mailTo.map(to -> Arrays.stream(to.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList())
                .orElse(List.of());
    }
}
