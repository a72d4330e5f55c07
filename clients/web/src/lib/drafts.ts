/** What a person has typed but not sent, per conversation, kept across reloads. */
const key = (conversationId: string) => `wechat.draft.${conversationId}`;

export function readDraft(storage: Storage, conversationId: string): string {
  return storage.getItem(key(conversationId)) ?? "";
}

export function writeDraft(storage: Storage, conversationId: string, text: string): void {
  if (text) storage.setItem(key(conversationId), text);
  else storage.removeItem(key(conversationId));
}
