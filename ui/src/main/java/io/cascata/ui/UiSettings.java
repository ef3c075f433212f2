package io.cascata.ui;

import io.cascata.core.settings.Setting;
import io.cascata.core.settings.SettingsSection;
import java.util.Optional;

/**
 * The status page ({@code [ui]}): the port a run serves it on while it lasts, and the address
 * it listens on. Without a port a run serves no page.
 *
 * @param port the port of the page a run serves while it lasts ({@code --ui PORT}); none when absent
 * @param bind the address the page listens on; the loopback address unless the deployment opens it
 */
@SettingsSection("ui")
public record UiSettings(
        @Setting(value = "serve the run's status page on this port while the run lasts", label = "PORT",
                option = "ui", min = 1) Optional<Integer> port,
        @Setting(value = "the address the status page listens on", defaultValue = "127.0.0.1", label = "ADDRESS",
                commandLine = false) String bind) {
}
