/**
 * Files and folders that only the server's user may read, for every module that keeps data under the data folder
 * (here because each of them depends on {@code cpe-swf}).
 */
package org.cpe.swf.files;
