// English: the reference catalog. Accessible names the browser tests rely on are marked "contract".
export const en = {
  appName: "WeChat admin",
  language: "Language",
  // sign in
  signInTitle: "Sign in to the admin console",
  username: "Username", // contract
  password: "Password", // contract
  signIn: "Sign in", // contract
  notAdmin: "This account has no admin role. An operator grants it (make admin U=<username> locally).", // contract: contains "no admin role"
  adminRoleLost: "Your account no longer has the admin role.",
  accountDisabled: "This account is disabled.",
  invalidCredentials: "Wrong username or password.",
  tooManyAttempts: "Too many attempts. Try again in a few minutes.",
  tooManyAttemptsWait: "Too many attempts. Try again in {wait}.",
  serverBusy: "The server is busy. Try again in a moment.",
  serverBusyWait: "The server is busy. Try again in {wait}.",
  waitSeconds: "{count} s",
  waitMinutes: "{count} min",
  sessionEnded: "Your session has ended. Please sign in again.",
  offline: "The API cannot be reached. Check your connection and try again.",
  somethingWrong: "Something went wrong. Try again.",
  // navigation
  adminNavigation: "Admin", // contract
  users: "Users", // contract
  reports: "Reports", // contract
  stats: "Statistics", // contract
  audit: "Audit log", // contract
  signOut: "Sign out", // contract
  signedInAs: "Signed in as {name}",
  loadMore: "Load more",
  loading: "Loading…",
  close: "Close",
  cancel: "Cancel",
  // users
  searchUsers: "Search users", // contract
  status: "Status", // contract
  allStatuses: "All",
  active: "Active",
  disabled: "Disabled",
  usersTable: "Users", // contract
  user: "User",
  created: "Created",
  lastActive: "Last active",
  roles: "Roles",
  actions: "Actions",
  never: "Never",
  noUsers: "No users match.",
  disable: "Disable", // contract
  enable: "Enable", // contract
  disableTitle: "Disable {name}",
  disableExplained: "They are signed out everywhere at once, cannot sign in, and get no pushes until enabled again.",
  reason: "Reason", // contract
  disabledBecause: "Disabled: {reason}",
  // reports
  reportStatus: "Report status",
  open: "Open", // contract
  resolved: "Resolved", // contract
  reportsTable: "Reports", // contract
  reported: "Reported",
  reporter: "Reporter",
  reportedAt: "Reported",
  resolution: "Resolution",
  noReports: "No reports here.",
  messageBy: "Message by {name}",
  messageRemoved: "Removed by a moderator",
  reportedUser: "User {id}",
  dismiss: "Dismiss", // contract
  removeMessage: "Remove message", // contract
  disableUser: "Disable user", // contract
  removeTitle: "Remove this message?", // contract
  removeExplained: "It is removed for every member of the conversation, and its media is no longer served.",
  dismissTitle: "Dismiss this report?",
  disableUserTitle: "Disable the reported user?",
  note: "Note", // contract
  confirm: "Confirm",
  action_dismiss: "Dismissed",
  action_remove_message: "Message removed",
  action_disable_user: "User disabled",
  resolvedBy: "by {actor}",
  // stats
  statsTitle: "Usage",
  usersTotal: "Users",
  newUsers24h: "New in 24 h",
  webSocketConnections: "Connected now",
  pushesSent24h: "Pushes sent in 24 h",
  pushesFailed24h: "Pushes failed in 24 h",
  dailyActiveUsers: "Daily active users", // contract
  messagesPerDay: "Messages per day", // contract
  day: "Day",
  count: "Count",
  queues: "Queues",
  queue: "Queue",
  depth: "Messages waiting",
  deadLetterDepth: "In the dead-letter queue",
  generatedAt: "Figures of {time}",
  refresh: "Refresh",
  // audit
  auditTable: "Audit log", // contract
  when: "When",
  who: "Who",
  what: "What",
  target: "Target",
  noAudit: "No admin action yet.",
  "audit_message.remove": "Removed a message",
  "audit_report.resolve": "Resolved a report",
  "audit_user.disable": "Disabled a user",
  "audit_user.enable": "Enabled a user",
} as const;

export type MessageKey = keyof typeof en;
