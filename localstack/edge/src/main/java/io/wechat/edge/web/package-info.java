/** CloudFront's default behaviour: the web app served from its bucket in the emulator. */
package io.wechat.edge.web;
