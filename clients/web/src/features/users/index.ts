export { useMe, usePresence, useUser, useUserSearch, userKeys, type Presence } from "./api/users";
