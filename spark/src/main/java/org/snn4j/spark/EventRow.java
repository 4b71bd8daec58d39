package org.snn4j.spark;

/**
 * One decoded event file as a Spark row (a Java bean for {@code Encoders.bean}; the public face is the column list
 * in {@link EventFiles#COLUMNS}). Not for use outside this package's Spark jobs.
 */
public final class EventRow {
    private String path;
    private Integer label;
    private String format;
    private int width;
    private int height;
    private long events;
    private boolean clean;
    private String error;
    private long droppedBytes;
    private long droppedRecords;
    private long outOfRange;
    private long backwardsTime;
    private long missingEvents;
    private long missingBytes;
    private String firstFault;
    private long[] t;
    private int[] x;
    private int[] y;
    private boolean[] on;
    private int steps;
    private int channels;
    private int[] offsets;
    private int[] inputs;

    /** An empty row (the bean encoder needs it). */
    public EventRow() {
    }

    /** @return the file's path or URI */
    public String getPath() {
        return path;
    }

    /** @param v the file's path or URI */
    public void setPath(String v) {
        path = v;
    }

    /** @return the class, or null */
    public Integer getLabel() {
        return label;
    }

    /** @param v the class, or null */
    public void setLabel(Integer v) {
        label = v;
    }

    /** @return the format's name, or null if it was not recognised */
    public String getFormat() {
        return format;
    }

    /** @param v the format's name */
    public void setFormat(String v) {
        format = v;
    }

    /** @return sensor width after the transforms */
    public int getWidth() {
        return width;
    }

    /** @param v sensor width */
    public void setWidth(int v) {
        width = v;
    }

    /** @return sensor height after the transforms */
    public int getHeight() {
        return height;
    }

    /** @param v sensor height */
    public void setHeight(int v) {
        height = v;
    }

    /** @return events after the transforms */
    public long getEvents() {
        return events;
    }

    /** @param v events after the transforms */
    public void setEvents(long v) {
        events = v;
    }

    /** @return whether the reader saw no fault and there was no error */
    public boolean isClean() {
        return clean;
    }

    /** @param v whether the file was clean */
    public void setClean(boolean v) {
        clean = v;
    }

    /** @return the error that stopped reading the file, or null */
    public String getError() {
        return error;
    }

    /** @param v the error, or null */
    public void setError(String v) {
        error = v;
    }

    /** @return the reader's droppedBytes */
    public long getDroppedBytes() {
        return droppedBytes;
    }

    /** @param v droppedBytes */
    public void setDroppedBytes(long v) {
        droppedBytes = v;
    }

    /** @return the reader's droppedRecords */
    public long getDroppedRecords() {
        return droppedRecords;
    }

    /** @param v droppedRecords */
    public void setDroppedRecords(long v) {
        droppedRecords = v;
    }

    /** @return the reader's outOfRange */
    public long getOutOfRange() {
        return outOfRange;
    }

    /** @param v outOfRange */
    public void setOutOfRange(long v) {
        outOfRange = v;
    }

    /** @return the reader's backwardsTime */
    public long getBackwardsTime() {
        return backwardsTime;
    }

    /** @param v backwardsTime */
    public void setBackwardsTime(long v) {
        backwardsTime = v;
    }

    /** @return the reader's missingEvents */
    public long getMissingEvents() {
        return missingEvents;
    }

    /** @param v missingEvents */
    public void setMissingEvents(long v) {
        missingEvents = v;
    }

    /** @return the reader's missingBytes */
    public long getMissingBytes() {
        return missingBytes;
    }

    /** @param v missingBytes */
    public void setMissingBytes(long v) {
        missingBytes = v;
    }

    /** @return the reader's first fault message, or null */
    public String getFirstFault() {
        return firstFault;
    }

    /** @param v the first fault message */
    public void setFirstFault(String v) {
        firstFault = v;
    }

    /** @return timestamps, microseconds, or null */
    public long[] getT() {
        return t;
    }

    /** @param v timestamps */
    public void setT(long[] v) {
        t = v;
    }

    /** @return columns, or null */
    public int[] getX() {
        return x;
    }

    /** @param v columns */
    public void setX(int[] v) {
        x = v;
    }

    /** @return rows, or null */
    public int[] getY() {
        return y;
    }

    /** @param v rows */
    public void setY(int[] v) {
        y = v;
    }

    /** @return polarities (true = ON), or null */
    public boolean[] getOn() {
        return on;
    }

    /** @param v polarities */
    public void setOn(boolean[] v) {
        on = v;
    }

    /** @return binned steps, 0 when not binned */
    public int getSteps() {
        return steps;
    }

    /** @param v binned steps */
    public void setSteps(int v) {
        steps = v;
    }

    /** @return polarity channels of the binned inputs, 0 when not binned */
    public int getChannels() {
        return channels;
    }

    /** @param v channels */
    public void setChannels(int v) {
        channels = v;
    }

    /** @return step offsets into {@link #getInputs()}, or null */
    public int[] getOffsets() {
        return offsets;
    }

    /** @param v step offsets */
    public void setOffsets(int[] v) {
        offsets = v;
    }

    /** @return the inputs spiking in each step, or null */
    public int[] getInputs() {
        return inputs;
    }

    /** @param v inputs per step */
    public void setInputs(int[] v) {
        inputs = v;
    }
}
