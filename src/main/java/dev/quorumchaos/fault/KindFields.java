package dev.quorumchaos.fault;

import dev.quorumchaos.ChaosException;

/** The fields of one fault-file entry, as a {@link FaultKind} reads its own; errors name file and line. */
public interface KindFields {

    boolean has(String field);

    /** The field's single value; a missing field is an error at the entry's line. */
    String string(String field);

    String string(String field, String fallback);

    /** Bad input naming the file and the line of {@code field}. */
    ChaosException error(String field, String message);
}
