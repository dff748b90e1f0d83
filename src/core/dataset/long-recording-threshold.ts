/**
 * With `--segment auto`, files longer than this (s) are long recordings, split into utterances. An acted or
 * read utterance lasts a few seconds; half a minute of one file is a conversation, a talk or a session.
 */
export const LONG_RECORDING_S = 30;
