import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { DemoBanner } from './_components/demo-banner';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Self-Service Port Management', template: '%s · Self-Service Port Management' },
  description: 'Raise or lower the port limits of your contact-centre tenants.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <DemoBanner />
        {children}
      </body>
    </html>
  );
}
