/**
 * Tables written as CSV or XLSX while their rows are read: a header (already in the reader's
 * language) and an iterator of rows of typed {@link io.genjin.reports.export.Cell}s go in, bytes go
 * out, and no more than a row and the writers' small buffers are held at a time. The customer,
 * contact and order exports use it, and so can any report: describe the columns as
 * {@link io.genjin.reports.export.Column}s and hand a {@link io.genjin.reports.export.Table} a stream.
 */
package io.genjin.reports.export;
