export {
  applyMessageToList, conversationKeys, forgetConversation, markRecalledInList, setUnread, useConversation, useConversations, useMute,
} from "./api/conversations";
export { MessageSearch } from "./components/message-search";
export { ConversationAvatar } from "./components/conversation-avatar";
export { ConversationInfo } from "./components/conversation-info";
export { ConversationList } from "./components/conversation-list";
export { useConversationTitle } from "./components/conversation-title";
export { NewChatDialog } from "./components/new-chat-dialog";
