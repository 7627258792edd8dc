/** The AWS JSON 1.0 form of the SDK's SWF model objects, shared by the HTTP endpoint and the store. */
package org.cpe.swf.json;
