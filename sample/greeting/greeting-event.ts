/** The slice of an incoming event the greeting handler reads (a member joining, say). */
export interface GreetingEvent {
  userName: string;
}
