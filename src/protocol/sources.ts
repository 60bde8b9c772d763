/** The facts-sheet sections the protocol rules cite (QUICKSIGHT-FACTS.md). */
export const WIRE_PROTOCOL = 'QUICKSIGHT-FACTS.md#the-wire-protocol-aws-restjson1';
export const STATUS_BODY_OR_LINE = 'QUICKSIGHT-FACTS.md#status-body-or-status-line';
export const SIGNATURES = 'QUICKSIGHT-FACTS.md#signatures-retries-and-credentials-what-real-clients-and-endpoints-do';
