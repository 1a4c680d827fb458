/** Whether `port` can be listened on now, on every interface. */
export declare function portIsFree(port: number): Promise<boolean>;
/** A port the system says is free now, on every interface. */
export declare function freePort(): Promise<number>;
