package io.cascata.notify;

import io.cascata.core.operate.FinishedRun;
import io.cascata.core.operate.RunEndHook;
import io.cascata.core.settings.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the notifications {@code [notify]} asks for when a command-line run ends: on failure,
 * and on success when {@code on-success} is set. A delivery that fails is logged as a warning
 * and goes no further: the run's outcome and exit code are already decided.
 */
public final class NotifyOnRunEnd implements RunEndHook {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyOnRunEnd.class);

    @Override
    public void runEnded(FinishedRun run) {
        NotifySettings settings = Settings.read(NotifySettings.class, run.config());
        RunNotification notification = new RunNotification(run);
        if (notification.succeeded() && !settings.onSuccess()) {
            return;
        }
        if (settings.webhook().isPresent()) {
            String url = settings.webhook().get();
            deliver("the webhook " + url, () -> new WebhookSender(url, settings.timeout()).send(notification));
        }
        if (!settings.recipients().isEmpty()) {
            deliver("e-mail to " + String.join(", ", settings.recipients()),
                    () -> new MailSender(settings).send(notification));
        }
    }

    private static void deliver(String what, Delivery delivery) {
        try {
            delivery.send();
            LOG.info("notified {}", what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("notifying {} was interrupted", what);
        } catch (Exception e) {
            LOG.warn("cannot notify {}: {}", what, e.toString());
            LOG.debug("notification failure", e);
        }
    }

    /** One delivery attempt. */
    @FunctionalInterface
    private interface Delivery {
        void send() throws Exception;
    }
}
