export { mergeMessages, newestMessage, recallMessage, removeMessage, timeline, type History } from "./api/cache";
export {
  catchUp, catchUpAll, markRead, messageKeys, storeHidden, storeMessages, storeReaction, storeReceipt, storeRecall, storeRemoval, useHistory,
  type Receipts,
} from "./api/messages";
export { noteTyping, stopTyping } from "./api/typing";
export { Composer } from "./components/composer";
export { Timeline } from "./components/timeline";
export { TypingLine } from "./components/typing-line";
