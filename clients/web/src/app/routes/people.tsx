import { useNavigate } from "react-router";
import { PeoplePage } from "@/features/contacts";
import { useCreateConversationFor } from "./start-chat";
import { useT } from "@/lib/i18n";

export function PeopleRoute() {
  const t = useT();
  const navigate = useNavigate();
  const startChat = useCreateConversationFor();
  return (
    <div className="people-route">
      <header className="pane-header">
        <h1>{t("contacts")}</h1>
      </header>
      <PeoplePage onChat={(userId) => startChat(userId).then((id) => navigate(`/chats/${encodeURIComponent(id)}`))} />
    </div>
  );
}
