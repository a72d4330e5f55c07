// English: the reference catalog. Accessible names the browser tests rely on are marked "contract".
export const en = {
  appName: "WeChat",
  language: "Language",
  // auth
  signInTitle: "Sign in to WeChat",
  signUpTitle: "Create your WeChat account",
  username: "Username", // contract
  password: "Password", // contract
  displayName: "Display name", // contract
  signIn: "Sign in", // contract
  createAccount: "Create account", // contract
  toSignUp: "Create an account", // contract
  toSignIn: "I have an account", // contract
  noAccount: "New here?",
  haveAccount: "Already registered?",
  usernameHint: "3–32 letters, digits, dots or underscores",
  passwordHint: "At least 8 characters",
  sessionEnded: "Your session has ended. Please sign in again.",
  accountDisabled: "This account has been disabled by an administrator.", // contract: contains "disabled"
  signedOut: "You have signed out.",
  invalidCredentials: "Wrong username or password.",
  usernameTaken: "That username is taken.",
  tooManyAttempts: "Too many attempts. Try again in a few minutes.",
  tooManyAttemptsWait: "Too many attempts. Try again in {wait}.",
  serverBusy: "The server is busy. Try again in a moment.",
  serverBusyWait: "The server is busy. Try again in {wait}.",
  waitSeconds: "{count} s",
  waitMinutes: "{count} min",
  accountCreated: "Account created. Signing you in…",
  // navigation
  mainNavigation: "Main",
  chats: "Chats",
  contacts: "Contacts", // contract
  profile: "Profile",
  signOut: "Sign out", // contract
  // conversations
  conversations: "Conversations", // contract
  newChat: "New chat", // contract
  noConversations: "No chats yet. Start one with New chat.",
  pickConversation: "Pick a chat on the left, or start a new one.",
  unread: "{count} unread",
  muted: "Muted",
  online: "Online",
  lastSeen: "Last seen {time}",
  group: "Group",
  members: "{count} members",
  you: "You",
  draft: "Draft",
  photo: "[Photo]",
  file: "[File]",
  recalledPreview: "A message was recalled",
  searchPeople: "Search people", // contract
  searchHint: "Type a name or username",
  noResults: "Nobody found.",
  groupName: "Group name", // contract
  createGroup: "Create group", // contract
  groupHint: "For a group, give it a name, then pick its members.",
  selected: "Selected",
  removeSelected: "Remove {name}",
  back: "Back",
  details: "Chat info",
  mute: "Mute notifications",
  unmute: "Unmute notifications",
  addMembers: "Add members",
  add: "Add",
  removeMember: "Remove",
  leaveGroup: "Leave group",
  rename: "Rename",
  admin: "Admin",
  close: "Close",
  cancel: "Cancel",
  save: "Save",
  // messages
  messages: "Messages", // contract
  message: "Message", // contract
  send: "Send", // contract
  attachImage: "Attach image", // contract
  attachFile: "Attach file",
  edit: "Edit", // contract
  recall: "Recall", // contract
  editing: "Editing message",
  recalledByMe: "You recalled a message",
  recalledBy: "{name} recalled a message",
  removedByModerator: "This message was removed by a moderator", // contract
  // reports
  report: "Report", // contract
  reportMessage: "Report message", // contract
  reportPerson: "Report {name}", // contract
  reportMessageTitle: "Report this message",
  reportPersonTitle: "Report {name}",
  reportReason: "Reason", // contract
  reportReasonHint: "What is wrong? A moderator reads this.",
  sendReport: "Send report", // contract
  reportSent: "Thank you. A moderator will look at it.", // contract: contains "moderator"
  reportExists: "You have already reported this; a moderator will look at it.",
  edited: "edited",
  sending: "Sending",
  queued: "Waiting for connection",
  sent: "Sent",
  read: "Read",
  failed: "Not sent",
  retry: "Retry",
  discard: "Discard",
  typing: "{name} is typing…", // contract: contains "typing"
  someoneTyping: "Someone is typing…",
  loadingOlder: "Loading earlier messages…",
  beginning: "This is the beginning of the chat.",
  today: "Today",
  yesterday: "Yesterday",
  uploading: "Uploading {name}",
  uploadFailed: "Upload of {name} failed",
  processing: "Processing…",
  openImage: "Open image",
  image: "Image",
  download: "Download {name}",
  newMessages: "New messages",
  // connection
  offline: "You're offline. Reconnecting… Messages you send will go out when the connection is back.",
  connecting: "Connecting…",
  // contacts
  people: "People",
  findPeople: "Find people",
  requests: "Friend requests",
  noRequests: "No pending requests.",
  myContacts: "My contacts",
  noContacts: "No contacts yet. Find people above.",
  blocked: "Blocked",
  noBlocked: "Nobody is blocked.",
  addContact: "Add contact", // contract
  requestSent: "Request sent",
  accept: "Accept", // contract
  decline: "Decline", // contract
  block: "Block", // contract
  unblock: "Unblock", // contract
  sendMessage: "Chat",
  wantsToConnect: "wants to be your contact",
  waiting: "Waiting for answer",
  alreadyContacts: "Already a contact",
  // profile
  editProfile: "Your profile",
  status: "Status",
  statusPlaceholder: "What's up?",
  avatar: "Photo",
  changeAvatar: "Change photo",
  groupPhoto: "Group photo", // contract
  changeGroupPhoto: "Change group photo", // contract
  saved: "Saved",
  // errors
  somethingWrong: "Something went wrong. Please try again.",
  offlineAction: "You're offline; try again when the connection is back.",
  blockedByRecipient: "You can't send messages to this person.",
  fileTooLarge: "This file is too large.",
  unsupportedFile: "This type of file can't be sent.",
  recallExpired: "Messages can only be recalled within 2 minutes.",
  // replies, reactions, mentions, forwarding, delete for me
  reply: "Reply", // contract
  replyTo: "Reply to {name}",
  replyingTo: "Replying to {name}",
  quoteGone: "Original message no longer available",
  react: "React", // contract
  reactWith: "React with {reaction}", // contract
  reactionCount: "{reaction} {count}",
  forward: "Forward", // contract
  forwardTitle: "Forward to…", // contract
  forwardTo: "Forward to {name}",
  forwarded: "Forwarded",
  deleteForMe: "Delete for me", // contract
  mentionPicker: "Mention someone", // contract
  mentionEveryone: "Everyone",
  mentionedYou: "[@you]", // contract
  // groups, settings, search
  owner: "Owner",
  makeAdmin: "Make admin",
  removeAdmin: "Remove admin",
  makeOwner: "Make owner",
  announcement: "Announcement",
  saveAnnouncement: "Save announcement",
  noAnnouncement: "No announcement",
  pin: "Pin",
  unpin: "Unpin",
  archive: "Archive",
  unarchive: "Unarchive",
  pinned: "Pinned",
  archivedChats: "Archived chats",
  backToChats: "Back to chats",
  noArchived: "No archived chats",
  searchMessages: "Search messages", // contract
  searchResults: "Search results", // contract
  noMessagesFound: "No messages found",
  clearSearch: "Clear search",
  // account settings
  accountSettings: "Account settings", // contract
  changePassword: "Change password", // contract
  currentPassword: "Current password", // contract
  newPassword: "New password", // contract
  passwordChanged: "Password changed. Your other sessions were signed out.",
  sessions: "Signed-in sessions", // contract
  thisDevice: "This device",
  lastUsed: "Last used {time}",
  signOutSession: "Sign out {device}", // contract
  deleteAccount: "Delete account", // contract
  deleteAccountWarning: "Your profile, contacts, devices and photos are erased. Your messages stay in others' chats as from \"Deleted user\". Your username is free again after 30 days.",
  confirmWithPassword: "Confirm with your password", // contract
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
