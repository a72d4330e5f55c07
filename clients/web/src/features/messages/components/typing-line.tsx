import { useT } from "@/lib/i18n";
import { useTypists } from "../api/typing";

/** "Alice is typing…" under the timeline while someone types (a status, so screen readers hear it). */
export function TypingLine({ conversationId, nameOf }: { conversationId: string; nameOf: (userId: string) => string }) {
  const t = useT();
  const typists = useTypists(conversationId);
  const text = typists.length === 0 ? "" : typists.length === 1 ? t("typing", { name: nameOf(typists[0]!) }) : t("someoneTyping");
  return <div className="typing-line" role="status" aria-live="polite">{text}</div>;
}
