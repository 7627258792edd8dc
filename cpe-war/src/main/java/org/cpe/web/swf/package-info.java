/** The embedded SWF service's HTTP endpoint at {@code /swf}: the AWS JSON 1.0 protocol for pollers on other machines. */
package org.cpe.web.swf;
