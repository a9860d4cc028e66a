import { Injectable } from '@nestjs/common';

/** Where this server listens, known only once it does (PORT may be 0). */
@Injectable()
export class ServerAddress {
  port = 0;

  /** The server's own origin, as MoMo and a browser on this machine reach it. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
}
