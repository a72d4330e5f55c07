/** Search of the caller's messages: the inverted index the messages stream keeps, and the search route. */
package io.wechat.chat.search;
