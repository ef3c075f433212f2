package io.cascata.core.settings;

import java.util.List;

/**
 * An enum whose constants users write in their own ways, e.g. {@code DirectRunner} or
 * {@code direct}. A setting of such an enum accepts any spelling, ignoring case, and help and
 * error messages show the first spelling of each constant.
 */
public interface Choice {

    /** How users may write this constant; the first is how it is shown. */
    List<String> spellings();
}
