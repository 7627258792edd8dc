/** Hooks of the web module into the server's lifecycle. */
package org.cpe.web.lifecycle;
