/**
 * Users reporting messages and users to the moderators, and moderators resolving the reports: dismissed, the
 * message removed, or the user disabled in user-service. One open report per reporter and target.
 */
package io.wechat.chat.reports;
