/**
 * The API's web conventions: errors as {@code {"error":{"code","message"}}}, strict JSON, paging and cursors,
 * times, JSON responses.
 */
package io.wechat.kit.web;
